namespace Switchboard.Security;

/// <summary>The roles of DESIGN.md; each grants a fixed set of <see cref="Permission"/>s.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Integrator = "integrator";
    public const string Supervisor = "supervisor";
    public const string Agent = "agent";
    public const string Auditor = "auditor";
    public const string System = "system";

    public static IReadOnlyList<string> All { get; } = [Admin, Integrator, Supervisor, Agent, Auditor, System];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
