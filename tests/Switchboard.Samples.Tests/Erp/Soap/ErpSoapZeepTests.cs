using System.Net;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Demo.Erp;
using Switchboard.Samples.Tests.Support;

namespace Switchboard.Samples.Tests.Erp.Soap;

/// <summary>A SOAP client nobody on the team wrote (python3-zeep) builds its calls from the ERP's WSDL.</summary>
public sealed class ErpSoapZeepTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));
    private RunningDemo _erp = null!;

    public async Task InitializeAsync() => _erp = await DemoSystems.StartErpAsync(_time);

    public async Task DisposeAsync() => await _erp.DisposeAsync();

    [Fact]
    public async Task Zeep_finds_customers_creates_and_reads_an_order_and_gets_faults_from_our_wsdl()
    {
        var report = await ErpZeepClient.RunAsync(new Uri(_erp.BaseAddress, "/soap/erp?wsdl"), DemoErpOptions.DefaultApiKey);

        var found = report.GetProperty("found");
        found.Texts("customerNo").ShouldBe(["C10063", "C10169"]);
        found.Texts("phone").ShouldAllBe(phone => phone == "862162350188");
        found[0].Text("name").ShouldBe("上海明辉贸易有限公司");
        found[0].Text("createdAt").ShouldEndWith("+00:00");
        report.GetProperty("nobody").GetArrayLength().ShouldBe(0);

        var created = report.GetProperty("created");
        created.Text("orderNo").ShouldMatch(@"^SO-2026-\d{5}$");
        created.Text("status").ShouldBe("NEW");

        var order = report.GetProperty("order");
        order.Text("orderNo").ShouldBe(created.Text("orderNo"));
        (order.Text("customerNo"), order.Text("currency"), order.Text("total")).ShouldBe(("C10238", "GBP", "73.60"));
        order.Text("createdAt").ShouldBe("2026-03-02T09:30:00+00:00");
        var lines = order.GetProperty("lines");
        lines.Texts("sku").ShouldBe(["PAP-A4-80", "SPECIAL-1"]);
        lines.Texts("quantity").ShouldBe(["2.000", "1.500"]);
        lines.Texts("unitPrice").ShouldBe(["27.50", "12.40"]);
        lines[0].Text("description").ShouldBe("A4 copy paper 80gsm, box of 5 reams");

        var confirmed = report.GetProperty("confirmed12");
        confirmed.Text("status").ShouldBe("CONF");
        confirmed.Text("changedAt").ShouldBe("2026-03-02T09:30:01+00:00");

        Fault(report, "unknown").ShouldBe(("s:Client", "no order SO-2026-99999 exists"));
        Fault(report, "unknown12").ShouldBe(("s:Sender", "no order SO-2026-99999 exists"));
        Fault(report, "invalid").ShouldBe(("s:Client", "line 1: qty must be positive"));

        var anonymous = report.GetProperty("anonymous");
        anonymous.Text("kind").ShouldBe("transport");
        anonymous.GetProperty("status").GetInt32().ShouldBe(401);

        // The same order, seen through the REST face.
        var rest = await (await _erp.Client.GetAsync($"/api/v1/orders/{created.Text("orderNo")}")).ReadJsonAsync(HttpStatusCode.OK);
        (rest.Text("status"), rest.Text("total")).ShouldBe(("CONF", "73.60"));
    }

    private static (string Code, string Message) Fault(System.Text.Json.JsonElement report, string name)
    {
        var outcome = report.GetProperty(name);
        outcome.GetProperty("raised").GetBoolean().ShouldBeTrue($"{name} should have raised a fault");
        outcome.Text("kind").ShouldBe("fault");
        return (outcome.Text("code"), outcome.Text("message"));
    }
}
