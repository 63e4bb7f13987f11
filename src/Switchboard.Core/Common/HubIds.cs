namespace Switchboard.Core.Common;

/// <summary>Creates the hub's own record ids.</summary>
/// <remarks>Version 7 GUIDs sort by creation time, so new rows append at the end of an index.</remarks>
public static class HubIds
{
    public static string New() => Guid.CreateVersion7().ToString("N");
}
