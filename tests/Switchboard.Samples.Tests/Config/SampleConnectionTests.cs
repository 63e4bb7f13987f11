using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Configuration;
using Switchboard.Connectors;
using Switchboard.Connectors.Operations;
using Switchboard.Core.Phones;
using Switchboard.Demo.Crm;
using Switchboard.Demo.Erp;
using Switchboard.Mapping.Templates;
using Switchboard.Samples.Tests.Support;

namespace Switchboard.Samples.Tests.Config;

/// <summary>
/// The sample configuration, as shipped, connects the demo CRM by REST and the demo ERP by SOAP:
/// every operation it declares is called through the hub's connectors against the running demos.
/// </summary>
public sealed class SampleConnectionTests : IAsyncLifetime
{
    private RunningDemo _crm = null!;
    private RunningDemo _erp = null!;
    private string _directory = null!;

    public async Task InitializeAsync()
    {
        _crm = await DemoSystems.StartCrmAsync();
        _erp = await DemoSystems.StartErpAsync();
        _directory = Directory.CreateTempSubdirectory("switchboard-sample-config").FullName;
        Environment.SetEnvironmentVariable("DEMO_CRM_API_KEY", DemoCrmOptions.DefaultApiKey);
        Environment.SetEnvironmentVariable("DEMO_ERP_API_KEY", DemoErpOptions.DefaultApiKey);
    }

    public async Task DisposeAsync()
    {
        await _crm.DisposeAsync();
        await _erp.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private ConnectorRegistry Registry(string soapVersion = "1.1") =>
        ConnectorServiceCollectionExtensions.CreateRegistry(Load(soapVersion), NullLoggerFactory.Instance);

    private HubConfiguration Load(string soapVersion = "1.1")
    {
        var samples = Path.Combine(RepositoryRoot(), "samples", "config");
        foreach (var file in Directory.EnumerateFiles(samples, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_directory, Path.GetRelativePath(samples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, File.ReadAllText(file)
                .Replace("127.0.0.1:5081", $"127.0.0.1:{_crm.BaseAddress.Port}", StringComparison.Ordinal)
                .Replace("127.0.0.1:5082", $"127.0.0.1:{_erp.BaseAddress.Port}", StringComparison.Ordinal)
                .Replace("version: \"1.1\"", $"version: \"{soapVersion}\"", StringComparison.Ordinal));
        }

        var loaded = ConfigurationLoader.Load(_directory);
        loaded.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, loaded.Errors));
        return loaded.Configuration!;
    }

    private static Task<OperationResult> Call(ConnectorRegistry registry, string system, string operation, params (string, object?)[] arguments) =>
        registry.InvokeAsync(system, operation, OperationArguments.From(arguments), CancellationToken.None);

    [Fact]
    public async Task The_crm_finds_a_contact_by_phone_and_lists_their_cases_over_rest()
    {
        await using var registry = Registry();

        var found = await Call(registry, "demo-crm", "customer.findByPhone", ("phone", "+14155550134"));
        var contact = found.Records.ShouldHaveSingleItem();
        contact["lastName"]!.GetValue<string>().ShouldBe("Carter");

        var cases = await Call(registry, "demo-crm", "ticket.listByCustomer", ("customerId", contact["externalId"]!.ToString()));
        cases.Outcome.ShouldBeOneOf(OperationOutcome.Success, OperationOutcome.NoMatch);
    }

    [Fact]
    public async Task The_crm_creates_a_customer_the_pop_did_not_find_and_then_finds_them_by_phone()
    {
        await using var registry = Registry();

        // As the desktop sends it: through the outbox, with the message's idempotency key.
        (string, object?)[] arguments =
            [("firstName", "Grace"), ("lastName", "Hopper"), ("phone", "+14155550177"), ("email", "grace@navy.example"), ("idempotencyKey", "desk-create-1")];
        var created = (await Call(registry, "demo-crm", "customer.create", arguments)).Records.ShouldHaveSingleItem();
        // A retry after a lost answer gets the same contact, not a second one.
        var retried = (await Call(registry, "demo-crm", "customer.create", arguments)).Records.ShouldHaveSingleItem();

        var id = created["externalId"]!.GetValue<string>();
        retried["externalId"]!.GetValue<string>().ShouldBe(id);
        var found = (await Call(registry, "demo-crm", "customer.findByPhone", ("phone", "+14155550177"))).Records.ShouldHaveSingleItem();
        found["externalId"]!.GetValue<string>().ShouldBe(id);
        found["lastName"]!.GetValue<string>().ShouldBe("Hopper");
        found["email"]!.GetValue<string>().ShouldBe("grace@navy.example");
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("1.2")]
    public async Task The_erp_takes_an_order_and_reads_it_back_over_soap(string version)
    {
        await using var registry = Registry(version);

        var customer = (await Call(registry, "demo-erp", "customer.findByPhone", ("phone", "+14155550193"))).Records.ShouldHaveSingleItem();
        customer["externalId"]!.GetValue<string>().ShouldBe("C10049");
        var order = (await Call(registry, "demo-erp", "order.create",
            ("customerId", "C10049"), ("currency", "USD"),
            ("lines", System.Text.Json.Nodes.JsonNode.Parse("""[ { "sku": "PAP-A4-80", "quantity": 2 } ]""")))).Records.ShouldHaveSingleItem();

        order["status"]!.GetValue<string>().ShouldBe("submitted");
        order["currency"]!.GetValue<string>().ShouldBe("USD");
        var listed = await Call(registry, "demo-erp", "order.listByCustomer", ("customerId", "C10049"));
        listed.Records.Select(r => r["externalId"]!.ToString()).ShouldContain(order["externalId"]!.ToString());
    }

    [Theory]
    [InlineData("1.1", "s:Client")]
    [InlineData("1.2", "s:Sender")]
    public async Task An_unknown_order_is_a_fault_naming_its_code_and_reason(string version, string code)
    {
        await using var registry = Registry(version);

        var ex = await Should.ThrowAsync<ConnectorException>(() => Call(registry, "demo-erp", "order.get", ("externalId", "SO-2026-99999")));

        ex.Message.ShouldEndWith($"SOAP fault {code}: no order SO-2026-99999 exists");
        ex.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task The_sample_links_open_each_items_own_page_in_the_demo_systems()
    {
        var configuration = Load();
        await using var registry = ConnectorServiceCollectionExtensions.CreateRegistry(configuration, NullLoggerFactory.Instance);
        var crm = configuration.FindSystem("demo-crm")!.Links;
        var erp = configuration.FindSystem("demo-erp")!.Links;
        var contact = (await Call(registry, "demo-crm", "customer.findByPhone", ("phone", "+14155550134"))).Records.ShouldHaveSingleItem();
        var customer = (await Call(registry, "demo-erp", "customer.findByPhone", ("phone", "+14155550193"))).Records.ShouldHaveSingleItem();
        var order = (await Call(registry, "demo-erp", "order.create", ("customerId", "C10049"), ("currency", "USD"),
            ("lines", JsonNode.Parse("""[ { "sku": "PAP-A4-80", "quantity": 1 } ]""")))).Records.ShouldHaveSingleItem();
        var caseNumber = (await (await _crm.Client.PostAsJsonAsync("/api/cases", new { contactId = contact["externalId"]!.ToString(), subject = "Link check" }))
            .Content.ReadFromJsonAsync<JsonObject>())!["caseNumber"]!.ToString();

        await ShouldOpenAsync(Render(crm.Customer!, contact), "Carter");
        await ShouldOpenAsync(Render(crm.Ticket!, new JsonObject { ["externalId"] = caseNumber }), "Link check");
        await ShouldOpenAsync(Render(erp.Customer!, customer), customer["displayName"]!.ToString());
        await ShouldOpenAsync(Render(erp.Order!, order), order["externalId"]!.ToString());
        crm.Order.ShouldBeNull();
        erp.Ticket.ShouldBeNull();
    }

    // As the screen pop renders a link: the item's mapped fields, and its id.
    private static Uri Render(string template, JsonObject record)
    {
        var values = record.ToDictionary(p => p.Key, p => p.Value);
        values["id"] = record["externalId"]!.ToString();
        var url = new TemplateEngine(new PhoneNormalizer("US"), TimeProvider.System).Compile(template).Render(values);
        return new Uri(url);
    }

    private static async Task ShouldOpenAsync(Uri link, string shows)
    {
        using var browser = new HttpClient();
        var response = await browser.GetAsync(link);

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, link.ToString());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync()).ShouldContain(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(shows));
    }

    private static string RepositoryRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "Switchboard.slnx")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("Switchboard.slnx not found");
        }

        return directory;
    }
}
