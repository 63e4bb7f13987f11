namespace Switchboard.Security;

/// <summary>What a caller may do. Endpoints require permissions, never roles directly.</summary>
public enum Permission
{
    /// <summary>Read customers, orders, tickets, agents and interactions.</summary>
    RecordsRead,
    /// <summary>Create and change customers, orders, tickets and agents.</summary>
    RecordsWrite,
    /// <summary>Send contact-center events into the hub.</summary>
    EventsWrite,
    /// <summary>Check and reload the configuration.</summary>
    ConfigurationManage,
    /// <summary>Read the configuration check and hub status.</summary>
    ConfigurationRead,
    /// <summary>Create, list and revoke API keys.</summary>
    ApiKeysManage,
    /// <summary>Use the agent desktop: set ready/not ready, receive screen pops, write notes, wrap up calls.</summary>
    DesktopUse,
    /// <summary>Read delivery's dead letters and the audit trail of what was done with them.</summary>
    DeliveryRead,
    /// <summary>Replay and discard dead letters.</summary>
    DeliveryManage,
}
