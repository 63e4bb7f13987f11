using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Common;
using Switchboard.Core.CrossReferences;
using Switchboard.Core.Customers;
using Switchboard.Core.Orders;
using Switchboard.Security;
using Switchboard.Security.Accounts;
using Switchboard.Storage.Stores;
using Switchboard.Sync.Tests.Support;
using Switchboard.Testing;

namespace Switchboard.Sync.Tests.Webhooks;

/// <summary>
/// <c>POST /api/v1/systems/{system}/changes</c> through the real hub (HTTPS, API keys, SQLite or PostgreSQL), and the
/// push of applied changes over SignalR to the desktops watching the customer.
/// </summary>
public sealed class SystemChangeEndpointTests
{
    private const string Password = "correct horse battery";

    private const string ErpYaml = """
        name: erp
        kind: erp
        protocol: rest
        mode: on
        address: http://127.0.0.1:5082/
        operations:
          order.get:
            path: /orders/{{ orderNo }}
        """;

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task A_posted_change_updates_the_order_and_reaches_only_the_desktops_watching_its_customer(TestStorage storage)
    {
        await using var hub = await StartAsync(storage);
        var c = await SaveCustomerAsync(hub, "C-1");
        var d = await SaveCustomerAsync(hub, "C-2");
        var orderC = await SaveOrderAsync(hub, c, "SO-1");
        var orderD = await SaveOrderAsync(hub, d, "SO-2");
        await using var ada = await AgentDesk.ConnectAsync(hub, "ada", Password);
        await using var bob = await AgentDesk.ConnectAsync(hub, "bob", Password);
        await ada.WatchAsync(c);
        await bob.WatchAsync(d);
        var system = hub.Client(await hub.IssueKeyAsync(Roles.System));

        var response = await system.PostAsJsonAsync("/api/v1/systems/erp/changes", new
        {
            kind = "order",
            records = new[] { new { externalId = "SO-1", status = "shipped", updatedAt = "2025-03-01T10:00:00Z" } },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("applied").GetInt32().ShouldBe(1);
        (await hub.App.Services.GetRequiredService<OrderStore>().GetAsync(orderC.Id, CancellationToken.None))!.Status.ShouldBe(OrderStatus.Shipped);
        var pushed = (await ada.NextAsync(TimeSpan.FromSeconds(20))).ShouldNotBeNull();
        pushed.GetProperty("customerId").GetString().ShouldBe(c);
        pushed.GetProperty("kind").GetString().ShouldBe("order");
        pushed.GetProperty("hubId").GetString().ShouldBe(orderC.Id);
        pushed.GetProperty("system").GetString().ShouldBe("erp");
        pushed.GetProperty("externalId").GetString().ShouldBe("SO-1");
        pushed.GetProperty("number").GetString().ShouldBe("SO-1");
        pushed.GetProperty("status").GetString().ShouldBe("shipped");

        // D's change reaches Bob, who watches D; Ada, watching C, got nothing for it, and Bob nothing for C's.
        (await system.PostAsJsonAsync("/api/v1/systems/erp/changes", new
        {
            kind = "order",
            records = new[] { new { externalId = "SO-2", status = "cancelled", updatedAt = "2025-03-01T10:00:00Z" } },
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bob.NextAsync(TimeSpan.FromSeconds(20))).ShouldNotBeNull().GetProperty("hubId").GetString().ShouldBe(orderD.Id);
        (await ada.NextAsync(TimeSpan.FromMilliseconds(500))).ShouldBeNull();
        (await bob.NextAsync(TimeSpan.FromMilliseconds(100))).ShouldBeNull();

        // After Unwatch, Ada gets no more of C's changes; the same change again is a duplicate.
        await ada.UnwatchAsync(c);
        var again = await system.PostAsJsonAsync("/api/v1/systems/erp/changes", new
        {
            kind = "order",
            records = new[]
            {
                new { externalId = "SO-1", status = "shipped", updatedAt = "2025-03-01T10:00:00Z" },
                new { externalId = "SO-1", status = "delivered", updatedAt = "2025-03-01T11:00:00Z" },
            },
        });
        var counts = await again.Content.ReadFromJsonAsync<JsonElement>();
        counts.GetProperty("duplicates").GetInt32().ShouldBe(1);
        counts.GetProperty("applied").GetInt32().ShouldBe(1);
        (await ada.NextAsync(TimeSpan.FromMilliseconds(500))).ShouldBeNull();
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_record_field_and_value_and_nothing_is_applied()
    {
        await using var hub = await StartAsync(TestStorage.Sqlite);
        var c = await SaveCustomerAsync(hub, "C-1");
        var order = await SaveOrderAsync(hub, c, "SO-1");
        var system = hub.Client(await hub.IssueKeyAsync(Roles.System));

        var errors = await RefusedAsync(system, "erp", new
        {
            kind = "order",
            records = new object[]
            {
                new { externalId = "SO-1", status = "shipped", updatedAt = "2025-03-01T10:00:00Z" },
                new { status = "shipped", updatedAt = "2025-03-01T10:00:00Z" },
                new { externalId = "SO-1", status = "lost", updatedAt = "2025-03-01T10:00:00Z" },
                new { externalId = "SO-1", status = "shipped", updatedAt = "next tuesday" },
                "SO-1",
            },
        });

        errors.ShouldBe(
        [
            "records[1].externalId: is required",
            "records[2].status: 'lost' is not one of draft, submitted, confirmed, inProgress, shipped, delivered, cancelled, returned",
            "records[3].updatedAt: 'next tuesday' is not an ISO 8601 date-time such as 2025-03-01T10:00:00Z",
            "records[4]: is not an object",
        ]);
        (await RefusedAsync(system, "ledger", new { kind = "invoice", records = Array.Empty<object>() })).ShouldBe(
        [
            "system: 'ledger' names no configured system",
            "kind: 'invoice' is not one of order, ticket",
            "records: must hold at least one record",
        ]);
        (await RefusedAsync(system, "erp", new { })).ShouldBe(
        [
            "kind: is required",
            "records: is required",
        ]);

        (await hub.App.Services.GetRequiredService<OrderStore>().GetAsync(order.Id, CancellationToken.None))!.Status.ShouldBe(OrderStatus.Confirmed);
    }

    [Fact]
    public async Task Only_callers_that_may_write_records_can_post_changes()
    {
        await using var hub = await StartAsync(TestStorage.Sqlite);
        var body = new { kind = "order", records = new[] { new { externalId = "SO-1", status = "shipped", updatedAt = "2025-03-01T10:00:00Z" } } };

        (await hub.Client().PostAsJsonAsync("/api/v1/systems/erp/changes", body)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await hub.Client(await hub.IssueKeyAsync(Roles.Supervisor)).PostAsJsonAsync("/api/v1/systems/erp/changes", body))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task With_a_redis_backplane_a_change_posted_to_one_hub_reaches_a_desktop_connected_to_another()
    {
        // Three hub processes on one PostgreSQL database; A and B share a Redis backplane, C has none.
        var prefix = $"test-{Guid.NewGuid():N}";
        var redis = TestHub.RedisYaml(channelPrefix: prefix);
        await using var hubA = await StartAsync(TestStorage.PostgreSql, d => d.Write("switchboard.yaml", d.Read("switchboard.yaml") + redis));
        await using var hubB = await TestHub.StartAsync(TestStorage.PostgreSql, d =>
        {
            d.Write("switchboard.yaml", d.Read("switchboard.yaml") + redis);
            d.Write("systems/erp.yaml", ErpYaml);
        }, onDatabaseOf: hubA);
        await using var hubC = await TestHub.StartAsync(TestStorage.PostgreSql, d => d.Write("systems/erp.yaml", ErpYaml), onDatabaseOf: hubA);
        var customer = await SaveCustomerAsync(hubA, "C-1");
        var order = await SaveOrderAsync(hubA, customer, "SO-1");
        await using var ada = await AgentDesk.ConnectAsync(hubB, "ada", Password);
        await using var bob = await AgentDesk.ConnectAsync(hubC, "bob", Password);
        await ada.WatchAsync(customer);
        await bob.WatchAsync(customer);

        var system = hubA.Client(await hubA.IssueKeyAsync(Roles.System));
        var response = await system.PostAsJsonAsync("/api/v1/systems/erp/changes", new
        {
            kind = "order",
            records = new[] { new { externalId = "SO-1", status = "shipped", updatedAt = "2025-03-01T10:00:00Z" } },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var pushed = (await ada.NextAsync(TimeSpan.FromSeconds(20))).ShouldNotBeNull("the change applied on hub A reached Ada's desktop on hub B through Redis");
        pushed.GetProperty("hubId").GetString().ShouldBe(order.Id);
        pushed.GetProperty("status").GetString().ShouldBe("shipped");
        (await bob.NextAsync(TimeSpan.FromMilliseconds(500))).ShouldBeNull("hub C has no backplane: only what it applies itself reaches its desktops");
    }

    private static async Task<TestHub> StartAsync(TestStorage storage, Action<TempDirectory>? configure = null)
    {
        var hub = await TestHub.StartAsync(storage, d =>
        {
            d.Write("systems/erp.yaml", ErpYaml);
            configure?.Invoke(d);
        });
        var accounts = hub.App.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("ada", "Ada Agent", "agent-7", Roles.Agent, Password, CancellationToken.None);
        await accounts.CreateAsync("bob", "Bob Agent", "agent-8", Roles.Agent, Password, CancellationToken.None);
        return hub;
    }

    /// <summary>The problem's errors as "field: message" lines, in the order given (each message starts with its field).</summary>
    private static async Task<IReadOnlyList<string>> RefusedAsync(HttpClient client, string system, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/systems/{system}/changes", body);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString().ShouldBe("One or more fields are invalid; nothing was changed.");
        return [.. problem.GetProperty("errors").EnumerateObject().SelectMany(field => field.Value.EnumerateArray().Select(e => e.GetString()!))];
    }

    private static async Task<string> SaveCustomerAsync(TestHub hub, string externalId)
    {
        var id = HubIds.New();
        await hub.App.Services.GetRequiredService<CustomerStore>().UpsertAsync(new Customer
        {
            Id = id,
            DisplayName = $"Customer {externalId}",
            CrossReferences = [new CrossReference(EntityKind.Customer, id, "erp", externalId)],
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        }, CancellationToken.None);
        return id;
    }

    private static async Task<Order> SaveOrderAsync(TestHub hub, string customerId, string externalId)
    {
        var id = HubIds.New();
        var order = new Order
        {
            Id = id,
            CustomerId = customerId,
            Number = externalId,
            Status = OrderStatus.Confirmed,
            CrossReferences = [new CrossReference(EntityKind.Order, id, "erp", externalId)],
            CreatedAt = SyncHarness.At("2025-03-01T09:00:00Z"),
            UpdatedAt = SyncHarness.At("2025-03-01T09:00:00Z"),
        };
        await hub.App.Services.GetRequiredService<OrderStore>().UpsertAsync(order, CancellationToken.None);
        return order;
    }
}
