namespace Switchboard.Configuration;

/// <summary>What a business system is, for display and defaults; it does not limit which operations it may implement.</summary>
public enum SystemKind
{
    Crm,
    Erp,
    Ticketing,
    ContactCenter,
    Other,
}
