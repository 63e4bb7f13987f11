namespace Switchboard.Configuration;

/// <summary>The operation vocabulary the hub's capabilities use. Systems may also define custom operations, which workflows call by name.</summary>
public static class OperationNames
{
    public const string CustomerFindByPhone = "customer.findByPhone";
    public const string CustomerGet = "customer.get";
    public const string CustomerUpsert = "customer.upsert";

    /// <summary>A new customer, the system choosing its id: what the desktop uses to create the caller (else <see cref="CustomerUpsert"/>).</summary>
    public const string CustomerCreate = "customer.create";
    public const string CustomerListChanged = "customer.listChanged";
    public const string OrderListByCustomer = "order.listByCustomer";
    public const string OrderCreate = "order.create";
    public const string OrderGet = "order.get";
    public const string OrderListChanged = "order.listChanged";
    public const string TicketListByCustomer = "ticket.listByCustomer";
    public const string TicketCreate = "ticket.create";
    public const string TicketUpdate = "ticket.update";
    public const string TicketListChanged = "ticket.listChanged";
    public const string InteractionLog = "interaction.log";

    /// <summary>The activities a system holds for a period (arguments <c>from</c>, <c>to</c>): what reconciliation compares with the hub's interactions.</summary>
    public const string InteractionList = "interaction.list";

    /// <summary>A follow-up task for a customer (a missed or abandoned call).</summary>
    public const string TaskCreate = "task.create";

    /// <summary>Every name above, in this order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        CustomerFindByPhone, CustomerGet, CustomerUpsert, CustomerCreate, CustomerListChanged,
        OrderListByCustomer, OrderCreate, OrderGet, OrderListChanged,
        TicketListByCustomer, TicketCreate, TicketUpdate, TicketListChanged, InteractionLog, InteractionList, TaskCreate,
    ];

    public static bool IsStandard(string name) => All.Contains(name, StringComparer.Ordinal);

    /// <summary>
    /// Whether a name reads by its wording: the part after the last '.' starts with get, find, list,
    /// search or count (<c>customer.findByPhone</c>, <c>erp.getInvoice</c>). Used where the protocol has
    /// no method to tell (SOAP).
    /// </summary>
    public static bool IsReadName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var last = name[(name.LastIndexOf('.') + 1)..];
        return ReadVerbs.Any(verb => last.StartsWith(verb, StringComparison.Ordinal)
            && (last.Length == verb.Length || char.IsUpper(last[verb.Length])));
    }

    private static readonly string[] ReadVerbs = ["get", "find", "list", "search", "count"];
}
