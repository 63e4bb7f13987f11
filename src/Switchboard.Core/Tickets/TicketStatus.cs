namespace Switchboard.Core.Tickets;

public enum TicketStatus
{
    Open,
    Pending,
    Resolved,
    Closed,
}
