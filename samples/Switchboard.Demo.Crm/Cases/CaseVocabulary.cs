namespace Switchboard.Demo.Crm.Cases;

/// <summary>The picklist values the CRM accepts for cases, spelled as it spells them.</summary>
internal static class CaseVocabulary
{
    public const string Closed = "Closed";

    public static readonly IReadOnlyList<string> Statuses = ["New", "Working", "Escalated", Closed];

    public static readonly IReadOnlyList<string> Priorities = ["Low", "Medium", "High"];

    /// <summary>The picklist value that matches <paramref name="value"/> ignoring case, or null.</summary>
    public static string? Pick(IReadOnlyList<string> values, string? value) =>
        values.FirstOrDefault(v => string.Equals(v, value?.Trim(), StringComparison.OrdinalIgnoreCase));
}
