using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Security;
using Switchboard.Testing;
using static Switchboard.IntegrationTests.Ingress.EventFactory;

namespace Switchboard.IntegrationTests.Hosting;

public sealed class ConfigurationReloadTests
{
    [Fact]
    public async Task A_reload_with_an_invalid_file_is_refused_and_the_last_good_configuration_keeps_running()
    {
        await using var hub = await TestHub.StartAsync();
        var admin = await hub.AdminAsync();
        hub.Directory.Write("systems/erp.yaml", """
            name: erp
            kind: erp
            protocol: carrier-pigeon
            address: http://127.0.0.1:5082/
            """);

        var refused = await admin.PostAsync("/api/v1/configuration/reload", null);

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var error = problem.GetProperty("errors")[0].GetString()!;
        error.ShouldContain("systems/erp.yaml:3");
        error.ShouldContain("protocol");
        error.ShouldContain("carrier-pigeon");
        var check = await admin.GetFromJsonAsync<JsonElement>("/api/v1/configuration/check");
        check.GetRawText().ShouldNotContain("\"erp\"");

        hub.Directory.Write("systems/erp.yaml", """
            name: erp
            kind: erp
            protocol: rest
            mode: on
            address: http://127.0.0.1:5082/
            operations:
              order.create:
                method: POST
                path: /api/v1/orders
            """);
        var applied = await admin.PostAsync("/api/v1/configuration/reload", null);

        applied.StatusCode.ShouldBe(HttpStatusCode.OK);
        var customer = await admin.PostAsJsonAsync("/api/v1/customers", new
        {
            displayName = "Linked to the new system",
            crossReferences = new[] { new { system = "erp", externalId = "C10042" } },
        });
        customer.StatusCode.ShouldBe(HttpStatusCode.Created);
    }
    [Fact]
    public async Task A_reload_that_changes_the_default_region_applies_to_the_next_event()
    {
        await using var hub = await TestHub.StartAsync();
        var admin = await hub.AdminAsync();
        var system = hub.Client(await hub.IssueKeyAsync(Roles.System));
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);

        // A London number written nationally is not a US number.
        var refused = await system.PostAsJsonAsync("/api/v1/events", Call("r1", "call.offered", "region-1", at, from: "020 7946 0958"));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("020 7946 0958");

        var yaml = await File.ReadAllTextAsync(Path.Combine(hub.ConfigDirectory, "switchboard.yaml"));
        hub.Directory.Write("switchboard.yaml", yaml.Replace("defaultRegion: US", "defaultRegion: GB", StringComparison.Ordinal));
        (await admin.PostAsync("/api/v1/configuration/reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var accepted = await system.PostAsJsonAsync("/api/v1/events", Call("r2", "call.offered", "region-2", at, from: "020 7946 0958"));
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var interaction = await system.WaitForInteractionAsync("region-2", _ => true, TimeSpan.FromSeconds(15));
        interaction.GetProperty("callerNumber").GetString().ShouldBe("+442079460958");
    }
}
