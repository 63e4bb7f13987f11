namespace Switchboard.Core.Common;

/// <summary>The kinds of canonical record that carry cross-references to other systems.</summary>
public enum EntityKind
{
    Customer,
    Interaction,
    Order,
    Ticket,
    Agent,
}
