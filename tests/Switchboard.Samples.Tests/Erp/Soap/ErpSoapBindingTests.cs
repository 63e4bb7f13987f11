using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Samples.Tests.Support;
using static Switchboard.Samples.Tests.Erp.Soap.ErpSoapCall;

namespace Switchboard.Samples.Tests.Erp.Soap;

/// <summary>The demo ERP's SOAP face on the wire: both bindings, faults, the API key, and the same data as REST.</summary>
public sealed class ErpSoapBindingTests : IAsyncLifetime
{
    private const string Ns = "xmlns:e=\"urn:switchboard:demo-erp\"";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));
    private RunningDemo _erp = null!;

    public async Task InitializeAsync() => _erp = await DemoSystems.StartErpAsync(_time);

    public async Task DisposeAsync() => await _erp.DisposeAsync();

    [Fact]
    public async Task A_soap_12_call_reads_an_order_made_over_rest_with_invariant_decimals_and_iso_dates()
    {
        var orderNo = await CreateOverRestAsync();

        var response = await Soap12Async(_erp.Client, "GetOrder", $"<e:GetOrder {Ns}><e:orderNo>{orderNo}</e:orderNo></e:GetOrder>");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/soap+xml");
        var body = await response.ReadBodyAsync(HttpStatusCode.OK);
        var order = body.Element(ErpNs + "GetOrderResponse")!.Element(ErpNs + "GetOrderResult").ShouldNotBeNull();
        (order.Text("OrderNo"), order.Text("CustomerNo"), order.Text("Status"), order.Text("Currency"))
            .ShouldBe((orderNo, "C10238", "NEW", "USD"));
        order.Text("Total").ShouldBe("88.58");
        order.Text("CreatedAt").ShouldBe("2026-03-02T09:30:00Z");
        order.Text("ChangedAt").ShouldBe("2026-03-02T09:30:00Z");
        var lines = order.Element(ErpNs + "Lines")!.Elements(ErpNs + "Line").ToList();
        lines.Select(l => (l.Text("Sku"), l.Text("Quantity"), l.Text("UnitPrice")))
            .ShouldBe([("PAP-A4-80", "2.000", "34.99"), ("SPECIAL-1", "1.500", "12.40")]);
    }

    [Fact]
    public async Task An_unknown_order_is_a_sender_fault_with_status_400_over_soap_12()
    {
        var response = await Soap12Async(_erp.Client, "GetOrder", $"<e:GetOrder {Ns}><e:orderNo>SO-2026-99999</e:orderNo></e:GetOrder>");

        var fault = (await response.ReadBodyAsync(HttpStatusCode.BadRequest)).Element(Soap12 + "Fault").ShouldNotBeNull();
        var value = fault.Element(Soap12 + "Code")!.Element(Soap12 + "Value")!;
        Resolve(value).ShouldBe(Soap12 + "Sender");
        fault.Element(Soap12 + "Reason")!.Element(Soap12 + "Text")!.Value.ShouldBe("no order SO-2026-99999 exists");
    }

    [Fact]
    public async Task An_unknown_customer_is_a_client_fault_with_status_500_over_soap_11()
    {
        var response = await Soap11Async(_erp.Client, "ListOrders", $"<e:ListOrders {Ns}><e:customerNo>C99999</e:customerNo></e:ListOrders>");

        // SOAP 1.1 over HTTP answers every fault with 500.
        var fault = (await response.ReadBodyAsync(HttpStatusCode.InternalServerError)).Element(Soap11 + "Fault").ShouldNotBeNull();
        Resolve(fault.Element("faultcode")!).ShouldBe(Soap11 + "Client");
        fault.Element("faultstring")!.Value.ShouldBe("no customer C99999 exists");
    }

    [Fact]
    public async Task A_phone_search_with_no_match_answers_an_empty_list_not_a_fault()
    {
        var response = await Soap11Async(_erp.Client, "FindCustomersByPhone",
            $"<e:FindCustomersByPhone {Ns}><e:phone>+1 212 555 0000</e:phone></e:FindCustomersByPhone>");

        var result = (await response.ReadBodyAsync(HttpStatusCode.OK))
            .Element(ErpNs + "FindCustomersByPhoneResponse")!.Element(ErpNs + "FindCustomersByPhoneResult").ShouldNotBeNull();
        result.Elements().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("1.1", null)]
    [InlineData("1.1", "wrong-key")]
    [InlineData("1.2", null)]
    [InlineData("1.2", "wrong-key")]
    public async Task A_call_without_the_right_api_key_is_refused_with_401_not_a_fault(string version, string? key)
    {
        using var client = _erp.Create(key);
        var body = $"<e:GetCustomer {Ns}><e:customerNo>C10238</e:customerNo></e:GetCustomer>";

        var response = version == "1.1" ? await Soap11Async(client, "GetCustomer", body) : await Soap12Async(client, "GetCustomer", body);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldBe("not authorised: missing or invalid X-Api-Key");
    }

    [Fact]
    public async Task The_wsdl_is_open_without_a_key_and_offers_both_bindings_at_one_address()
    {
        var response = await _erp.Anonymous.GetAsync(Address + "?wsdl");

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var wsdl = XDocument.Parse(text).Root!;
        XNamespace w = "http://schemas.xmlsoap.org/wsdl/";
        wsdl.Attribute("targetNamespace")!.Value.ShouldBe("urn:switchboard:demo-erp");
        wsdl.Elements(w + "binding").Select(b => b.Attribute("name")!.Value).ShouldBe(["ErpSoap11", "ErpSoap12"]);
        var operations = wsdl.Element(w + "portType")!.Elements(w + "operation").Select(o => o.Attribute("name")!.Value);
        operations.ShouldBe([
            "FindCustomersByPhone", "GetCustomer", "ListOrders", "GetOrder", "ListChangedOrders", "CreateOrder",
            "ConfirmOrder", "ShipOrder", "CancelOrder",
        ], ignoreOrder: true);
        wsdl.Descendants().Where(e => e.Name.LocalName == "address").Select(a => new Uri(a.Attribute("location")!.Value).AbsolutePath)
            .ShouldAllBe(path => path == Address);
    }

    [Fact]
    public async Task An_order_created_over_soap_follows_the_rest_status_rules_and_shows_over_rest()
    {
        var created = (await (await Soap12Async(_erp.Client, "CreateOrder", $"""
            <e:CreateOrder {Ns}><e:customerNo>C10238</e:customerNo>
              <e:lines><e:NewLine><e:Sku>PAP-A4-80</e:Sku><e:Quantity>3</e:Quantity></e:NewLine></e:lines>
            </e:CreateOrder>
            """)).ReadBodyAsync(HttpStatusCode.OK)).Element(ErpNs + "CreateOrderResponse")!.Element(ErpNs + "CreateOrderResult").ShouldNotBeNull();
        // Only the number and status, like many older ERPs: the rest is read back.
        created.Elements().Select(e => e.Name.LocalName).ShouldBe(["OrderNo", "Status"]);
        var orderNo = created.Text("OrderNo");

        var early = await Soap11Async(_erp.Client, "ShipOrder", $"<e:ShipOrder {Ns}><e:orderNo>{orderNo}</e:orderNo></e:ShipOrder>");
        (await early.ReadBodyAsync(HttpStatusCode.InternalServerError)).Element(Soap11 + "Fault")!.Element("faultstring")!.Value
            .ShouldBe($"order {orderNo} is NEW; ship is allowed from CONF, PICK only");

        (await _erp.Client.PostAsync($"/api/v1/orders/{orderNo}/confirm", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        _time.Advance(TimeSpan.FromMinutes(5));
        var shipped = (await (await Soap11Async(_erp.Client, "ShipOrder", $"<e:ShipOrder {Ns}><e:orderNo>{orderNo}</e:orderNo></e:ShipOrder>"))
            .ReadBodyAsync(HttpStatusCode.OK)).Element(ErpNs + "ShipOrderResponse")!.Element(ErpNs + "ShipOrderResult").ShouldNotBeNull();
        (shipped.Text("Status"), shipped.Text("Total"), shipped.Text("ChangedAt")).ShouldBe(("SHIP", "104.97", "2026-03-02T09:35:00Z"));

        var rest = await (await _erp.Client.GetAsync($"/api/v1/orders/{orderNo}")).ReadJsonAsync(HttpStatusCode.OK);
        (rest.Text("status"), rest.Text("total")).ShouldBe(("SHIP", "104.97"));
    }

    [Theory]
    [InlineData("<e:customerNo>C10238</e:customerNo><e:currency>EUR</e:currency><e:lines><e:NewLine><e:Sku>PAP-A4-80</e:Sku><e:Quantity>1</e:Quantity></e:NewLine></e:lines>",
        "currency EUR is not one of USD, GBP, CNY")]
    [InlineData("<e:customerNo>C10238</e:customerNo><e:lines><e:NewLine><e:Sku>NOT-IN-CATALOGUE</e:Sku><e:Quantity>1</e:Quantity></e:NewLine></e:lines>",
        "line 1: unit_price is required for NOT-IN-CATALOGUE, which is not in the catalogue")]
    [InlineData("<e:customerNo>C10238</e:customerNo><e:lines><e:NewLine><e:Sku>PAP-A4-80</e:Sku></e:NewLine></e:lines>",
        "line 1: qty is required")]
    [InlineData("<e:customerNo>C10238</e:customerNo>", "an order needs at least one line")]
    [InlineData("<e:customerNo>C99999</e:customerNo><e:lines><e:NewLine><e:Sku>PAP-A4-80</e:Sku><e:Quantity>1</e:Quantity></e:NewLine></e:lines>",
        "customer_no C99999 does not exist")]
    public async Task An_invalid_order_is_a_client_fault_with_the_validation_reason(string parameters, string reason)
    {
        var response = await Soap11Async(_erp.Client, "CreateOrder", $"<e:CreateOrder {Ns}>{parameters}</e:CreateOrder>");

        var fault = (await response.ReadBodyAsync(HttpStatusCode.InternalServerError)).Element(Soap11 + "Fault").ShouldNotBeNull();
        Resolve(fault.Element("faultcode")!).ShouldBe(Soap11 + "Client");
        fault.Element("faultstring")!.Value.ShouldBe(reason);
    }

    [Fact]
    public async Task Listing_changed_orders_answers_those_changed_at_or_after_the_time()
    {
        _time.Advance(TimeSpan.FromDays(400));
        var orderNo = await CreateOverRestAsync();

        var response = await Soap11Async(_erp.Client, "ListChangedOrders",
            $"<e:ListChangedOrders {Ns}><e:changedSince>{_time.GetUtcNow():yyyy-MM-ddTHH:mm:ssZ}</e:changedSince></e:ListChangedOrders>");

        var orders = (await response.ReadBodyAsync(HttpStatusCode.OK))
            .Element(ErpNs + "ListChangedOrdersResponse")!.Element(ErpNs + "ListChangedOrdersResult")!.Elements(ErpNs + "Order");
        orders.Select(o => o.Text("OrderNo")).ShouldBe([orderNo]);
    }

    [Fact]
    public async Task A_post_to_the_address_with_a_trailing_slash_reaches_the_service()
    {
        // What a client sends when it joins the address http://host/soap/erp with an empty path.
        var response = await Soap11Async(_erp.Client, "GetCustomer", $"<e:GetCustomer {Ns}><e:customerNo>C10238</e:customerNo></e:GetCustomer>", Address + "/");

        var customer = (await response.ReadBodyAsync(HttpStatusCode.OK)).Element(ErpNs + "GetCustomerResponse")!.Element(ErpNs + "GetCustomerResult")!;
        customer.Text("CustomerNo").ShouldBe("C10238");
    }

    private async Task<string> CreateOverRestAsync()
    {
        var response = await _erp.Client.PostAsJsonAsync("/api/v1/orders", new
        {
            customer_no = "C10238",
            lines = new object[]
            {
                new { sku = "PAP-A4-80", qty = "2" },
                new { sku = "SPECIAL-1", description = "Custom engraved name plate", qty = 1.5, unit_price = "12.40" },
            },
        });
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).Text("order_no");
    }

    /// <summary>A fault code is a QName ("s:Sender"): its prefix means whatever namespace is in scope.</summary>
    private static XName Resolve(XElement qname)
    {
        var parts = qname.Value.Trim().Split(':');
        var ns = parts.Length == 2 ? qname.GetNamespaceOfPrefix(parts[0]) : qname.GetDefaultNamespace();
        return (ns ?? XNamespace.None) + parts[^1];
    }
}
