using System.Collections.Frozen;

namespace Switchboard.Security;

/// <summary>The fixed grant table: which role holds which permission.</summary>
public static class RolePermissions
{
    private static readonly FrozenDictionary<string, FrozenSet<Permission>> Table =
        new Dictionary<string, FrozenSet<Permission>>
        {
            [Roles.Admin] = Enum.GetValues<Permission>().ToFrozenSet(),
            [Roles.Integrator] = new[]
            {
                Permission.RecordsRead, Permission.RecordsWrite, Permission.EventsWrite,
                Permission.ConfigurationManage, Permission.ConfigurationRead,
                Permission.DeliveryRead, Permission.DeliveryManage,
            }.ToFrozenSet(),
            [Roles.Supervisor] = new[] { Permission.RecordsRead, Permission.ConfigurationRead, Permission.DeliveryRead }.ToFrozenSet(),
            [Roles.Agent] = new[] { Permission.RecordsRead, Permission.RecordsWrite, Permission.DesktopUse }.ToFrozenSet(),
            [Roles.Auditor] = new[] { Permission.RecordsRead, Permission.ConfigurationRead, Permission.DeliveryRead }.ToFrozenSet(),
            [Roles.System] = new[] { Permission.RecordsRead, Permission.RecordsWrite, Permission.EventsWrite }.ToFrozenSet(),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool Grants(IEnumerable<string> roles, Permission permission) =>
        roles.Any(r => Table.TryGetValue(r, out var set) && set.Contains(permission));

    public static IReadOnlySet<Permission> For(string role) =>
        Table.TryGetValue(role, out var set) ? set : FrozenSet<Permission>.Empty;
}
