namespace Switchboard.Core.Tickets;

public enum TicketPriority
{
    Low,
    Normal,
    High,
    Urgent,
}
