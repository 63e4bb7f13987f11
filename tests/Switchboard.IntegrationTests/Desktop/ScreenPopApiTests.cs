using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Security;
using Switchboard.Testing;

namespace Switchboard.IntegrationTests.Desktop;

/// <summary>The screen pop through the real hub: over REST for other desktops, and triggered by a ringing call.</summary>
public sealed class ScreenPopApiTests : IAsyncLifetime
{
    private readonly PopSystems _systems = new();
    private TestHub _hub = null!;

    public async Task InitializeAsync() =>
        _hub = await TestHub.StartAsync(TestStorage.Sqlite, d =>
        {
            d.Write("systems/crm.yaml", _systems.SystemYaml);
            d.Write("flows/screen-pop.yaml", PopSystems.PatientFlowYaml);
        });

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _systems.Dispose();
    }

    [Fact]
    public async Task A_pop_over_rest_answers_the_callers_customer_with_orders_and_open_tickets()
    {
        var client = _hub.Client(await _hub.IssueKeyAsync(Roles.Supervisor));

        var response = await client.PostAsJsonAsync("/api/v1/screen-pops", new { callId = "call-rest-1", callerNumber = "(415) 555-0134" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var pop = await response.Content.ReadFromJsonAsync<JsonElement>();
        AssertAda(pop);
    }

    [Fact]
    public async Task A_ringing_call_posted_as_an_event_pops_by_itself()
    {
        var system = _hub.Client(await _hub.IssueKeyAsync(Roles.System));
        var reader = _hub.Client(await _hub.IssueKeyAsync(Roles.Supervisor));
        var callId = $"call-{Guid.NewGuid():N}";

        var posted = await system.PostAsJsonAsync("/api/v1/events", new
        {
            eventId = $"{callId}-ring", type = "call.ringing", occurredAt = DateTimeOffset.UtcNow, callId, agentId = "agent-7", from = "+1 415 555 0134",
            queue = "support",
        });
        posted.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        JsonElement pop = default;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var response = await reader.GetAsync($"/api/v1/screen-pops/{callId}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                pop = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (pop.GetProperty("complete").GetBoolean())
                {
                    break;
                }
            }

            await Task.Delay(50);
        }

        pop.ValueKind.ShouldBe(JsonValueKind.Object, "no pop appeared for the ringing call");
        pop.GetProperty("agentId").GetString().ShouldBe("agent-7");
        pop.GetProperty("queue").GetString().ShouldBe("support");
        pop.GetProperty("direction").GetString().ShouldBe("inbound");
        AssertAda(pop);
    }

    [Fact]
    public async Task A_customer_changed_through_the_hub_is_not_popped_from_stale_cached_answers()
    {
        var admin = await _hub.AdminAsync();
        int Searches() => _systems.Crm.LogEntries.Count(e => e.RequestMessage!.Path == "/api/contacts");

        AssertAda(await PopAsync(admin, "call-cache-1"));
        AssertAda(await PopAsync(admin, "call-cache-2"));
        Searches().ShouldBe(1, "the second pop of the same number is answered from the cache");

        var created = await admin.PostAsJsonAsync("/api/v1/customers",
            new { displayName = "Ada Lovelace", phones = new[] { new { number = "+1 415 555 0134" } } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        await PopAsync(admin, "call-cache-3");
        Searches().ShouldBe(2, "a changed customer's number is looked up again");
    }

    [Fact]
    public async Task An_order_a_system_reports_changed_is_not_popped_from_the_cached_list_with_its_old_status()
    {
        var admin = await _hub.AdminAsync();
        // The hub knows Ada as the CRM's C-1, so a change to an order of hers is applied (and published).
        (await admin.PostAsJsonAsync("/api/v1/customers", new
        {
            displayName = "Ada Lovelace", crossReferences = new[] { new { system = "crm", externalId = "C-1" } },
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

        await AssertReportedChangeDropsTheCachedListAsync(admin, "call-status", counted: "created");
    }

    [Fact]
    public async Task An_order_change_the_hub_passes_over_still_drops_the_cached_list_that_showed_it()
    {
        // The hub does not know Ada: her pop comes from the CRM alone, and a change to her order is passed over.
        await AssertReportedChangeDropsTheCachedListAsync(await _hub.AdminAsync(), "call-skip", counted: "skipped");
    }

    /// <summary>
    /// Ada's order O-1 pops as shipped, the second time from the cache; the CRM then reports it delivered (the change
    /// counted as <paramref name="counted"/>), and the next pop asks the CRM again and shows it delivered.
    /// </summary>
    private async Task AssertReportedChangeDropsTheCachedListAsync(HttpClient admin, string calls, string counted)
    {
        var system = _hub.Client(await _hub.IssueKeyAsync(Roles.System));
        int OrderLists() => _systems.Crm.LogEntries.Count(e => e.RequestMessage!.Path == "/api/orders");

        OrderStatus(await PopAsync(admin, $"{calls}-1")).ShouldBe("shipped");
        OrderStatus(await PopAsync(admin, $"{calls}-2")).ShouldBe("shipped");
        OrderLists().ShouldBe(1, "the second pop's orders come from the cache");

        _systems.AnswerOrders("C-1", """[ { "id": "O-1", "number": "SO-1", "status": "delivered", "total": "12.50", "currency": "USD" } ]""");
        var changed = await system.PostAsJsonAsync("/api/v1/systems/crm/changes", new
        {
            kind = "order",
            records = new[] { new { externalId = "O-1", customerExternalId = "C-1", status = "delivered", updatedAt = DateTimeOffset.UtcNow } },
        });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty(counted).GetInt32().ShouldBe(1);

        OrderStatus(await PopAsync(admin, $"{calls}-3")).ShouldBe("delivered");
        OrderLists().ShouldBe(2, "the changed order's list is asked for again");
    }

    private static string? OrderStatus(JsonElement pop) =>
        pop.GetProperty("customer").GetProperty("orders").EnumerateArray().Single(o => o.GetProperty("externalId").GetString() == "O-1")
            .GetProperty("status").GetString();

    private static async Task<JsonElement> PopAsync(HttpClient client, string callId)
    {
        var response = await client.PostAsJsonAsync("/api/v1/screen-pops", new { callId, callerNumber = "+14155550134" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task An_unknown_call_has_no_pop()
    {
        var reader = _hub.Client(await _hub.IssueKeyAsync(Roles.Supervisor));

        var response = await reader.GetAsync("/api/v1/screen-pops/no-such-call");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static void AssertAda(JsonElement pop)
    {
        pop.GetProperty("complete").GetBoolean().ShouldBeTrue(pop.ToString());
        pop.GetProperty("match").GetString().ShouldBe("single", pop.ToString());
        pop.GetProperty("callerNumber").GetString().ShouldBe("+14155550134");
        var customer = pop.GetProperty("customer");
        customer.GetProperty("displayName").GetString()!.ShouldContain("Lovelace");
        customer.GetProperty("orders").EnumerateArray().Single().GetProperty("externalId").GetString().ShouldBe("O-1");
        customer.GetProperty("tickets").EnumerateArray().Single().GetProperty("subject").GetString().ShouldBe("Router keeps rebooting");
    }
}
