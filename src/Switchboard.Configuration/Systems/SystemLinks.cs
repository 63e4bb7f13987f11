namespace Switchboard.Configuration;

/// <summary>
/// The <c>links</c> section of a system: per kind of item, a template of the address where the item opens in that
/// system's own screens (<c>https://crm.example.com/contacts/{{ id }}</c>). Each template starts with its
/// <c>http://</c> or <c>https://</c> scheme and host written out, so a record's data can never send the agent elsewhere.
/// </summary>
public sealed record SystemLinks
{
    public const string CustomerKind = "customer";
    public const string OrderKind = "order";
    public const string TicketKind = "ticket";

    public static readonly SystemLinks None = new();

    /// <summary>Every kind of item a link may be given for, in this order.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [CustomerKind, OrderKind, TicketKind];

    public string? Customer { get; init; }

    public string? Order { get; init; }

    public string? Ticket { get; init; }

    /// <summary>The template for a kind of item; null when the system gives none.</summary>
    public string? For(string kind) => kind switch
    {
        CustomerKind => Customer,
        OrderKind => Order,
        TicketKind => Ticket,
        _ => null,
    };
}
