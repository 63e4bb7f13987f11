using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Testing;

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
}
