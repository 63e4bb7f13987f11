using System.Text.Json;
using Switchboard.Demo.Erp.Customers;
using Switchboard.Demo.Erp.Orders;

namespace Switchboard.Demo.Erp.Soap;

/// <summary>
/// The SOAP operations over the REST API's stores: the same <see cref="CustomerStore"/>,
/// <see cref="OrderStore"/>, <see cref="OrderValidator"/> and status transitions, so both faces
/// always show the same data and refuse the same things.
/// </summary>
internal sealed class ErpSoapService(CustomerStore customers, OrderStore orders) : IErpSoapService
{
    private const int PageSize = 100;

    public SoapCustomer[] FindCustomersByPhone(string phone)
    {
        if (ErpPhoneMatch.Digits(phone ?? string.Empty) is not { } digits)
        {
            throw ErpSoapFaults.Client($"phone must have at least {ErpPhoneMatch.ShortestQuery} digits");
        }

        // Unlike the REST search (204), no match is simply an empty list.
        return [.. customers.FindByPhone(digits).Select(SoapCustomer.From)];
    }

    public SoapCustomer GetCustomer(string customerNo) => SoapCustomer.From(RequireCustomer(customerNo));

    public SoapOrder[] ListOrders(string customerNo) => All(RequireCustomer(customerNo).CustomerNo, changedSince: null);

    public SoapOrder[] ListChangedOrders(DateTime changedSince)
    {
        // xsd:dateTime without an offset is read as UTC, the ERP's clock.
        var utc = changedSince.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(changedSince, DateTimeKind.Utc) : changedSince;
        return All(customerNo: null, new DateTimeOffset(utc).ToUnixTimeSeconds());
    }

    public SoapOrder GetOrder(string orderNo) =>
        orders.Find(orderNo ?? string.Empty) is { } order ? SoapOrder.From(order) : throw NoOrder(orderNo);

    public SoapCreatedOrder CreateOrder(string customerNo, string? currency, SoapNewOrderLine[] lines)
    {
        // The REST validator reads amounts from JSON; hand it the SOAP decimals in that form.
        var request = new NewOrderRequest
        {
            CustomerNo = customerNo,
            Currency = string.IsNullOrWhiteSpace(currency) ? null : currency,
            // A nil line (xsi:nil) becomes an empty one, which the validator refuses as "sku is required".
            Lines = lines?.Select(line => line is null ? new NewOrderLine() : new NewOrderLine
            {
                Sku = line.Sku,
                Description = line.Description,
                Qty = Json(line.Quantity),
                UnitPrice = Json(line.UnitPrice),
            }).ToList(),
        };
        var (draft, error) = OrderValidator.Validate(request, customers);
        if (draft is null)
        {
            throw ErpSoapFaults.Client(error!);
        }

        // No idempotency key over SOAP: each call creates an order.
        var created = orders.Create(draft, idempotencyKey: null, fingerprint: string.Empty).Order!;
        return new SoapCreatedOrder { OrderNo = created.OrderNo, Status = created.Status };
    }

    public SoapOrder ConfirmOrder(string orderNo) => Apply(orderNo, "confirm");

    public SoapOrder ShipOrder(string orderNo) => Apply(orderNo, "ship");

    public SoapOrder CancelOrder(string orderNo) => Apply(orderNo, "cancel");

    private SoapOrder Apply(string orderNo, string action)
    {
        var result = orders.Apply(orderNo ?? string.Empty, action);
        if (result.Order is null)
        {
            throw NoOrder(orderNo);
        }

        return result.Conflict is null ? SoapOrder.From(result.Order) : throw ErpSoapFaults.Client(result.Conflict);
    }

    /// <summary>Every page of the store's keyset query at once: the SOAP operations answer whole lists.</summary>
    private SoapOrder[] All(string? customerNo, long? changedSince)
    {
        var all = new List<SoapOrder>();
        OrderCursor? after = null;
        do
        {
            var (page, next) = orders.Query(customerNo, changedSince, after, PageSize);
            all.AddRange(page.Select(SoapOrder.From));
            after = next;
        }
        while (after is not null);

        return [.. all];
    }

    private ErpCustomer RequireCustomer(string? customerNo) =>
        customers.Find(customerNo ?? string.Empty)
            ?? throw ErpSoapFaults.Client($"no customer {customerNo} exists");

    private static Exception NoOrder(string? orderNo) => ErpSoapFaults.Client($"no order {orderNo} exists");

    private static JsonElement Json(decimal? value) =>
        value is { } number ? JsonSerializer.SerializeToElement(number) : default;
}
