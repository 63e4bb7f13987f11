using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Connectors;
using Switchboard.Core.Common;
using Switchboard.Core.Orders;
using Switchboard.Sync.Polling;
using Switchboard.Sync.Tests.Support;
using Switchboard.Testing;

namespace Switchboard.Sync.Tests.Polling;

/// <summary>The changed-since poller against REST systems on WireMock, with marks on real SQLite and PostgreSQL.</summary>
public sealed class ChangePollerTests
{
    private const string Epoch = "1970-01-01T00:00:00.0000000+00:00";
    private static readonly PollTarget Erp = new("erp", OperationNames.OrderListChanged, EntityKind.Order, TimeSpan.FromSeconds(30));

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task The_poller_passes_the_stored_mark_as_since_and_stores_the_next_one_only_after_applying(TestStorage storage)
    {
        using var erp = ChangeFeeds.Start();
        await using var hub = await SyncHarness.StartAsync(storage, ("systems/erp.yaml", ChangeFeeds.SystemYaml("erp", erp)), ("flows/orders.yaml", ChangeFeeds.FlowYaml(30, "erp")));
        var customer = await hub.SaveCustomerAsync("erp", "C-1");
        var order = await hub.SaveOrderAsync(customer, "erp", "SO-1", OrderStatus.Confirmed, "2025-03-01T09:00:00Z");
        erp.Answer(("SO-1", "shipped", "2025-03-01T10:00:00Z"), ("SO-2", "submitted", "2025-03-01T10:30:00Z"));
        var marksWhileApplying = new List<string?>();
        hub.Published.OnPublish = async _ => marksWhileApplying.Add(await hub.Marks.GetAsync("erp", Erp.Operation, CancellationToken.None));

        var first = await hub.Poller.PollAsync(Erp, CancellationToken.None);

        first.Applied.ShouldBe(1);
        first.Skipped.ShouldBe(1, "SO-2 is unknown and names no customer");
        (await hub.Orders.GetAsync(order.Id, CancellationToken.None))!.Status.ShouldBe(OrderStatus.Shipped);
        marksWhileApplying.ShouldBe([null], "the mark is stored after the changes are applied");
        var mark = (await hub.Marks.GetAsync("erp", Erp.Operation, CancellationToken.None)).ShouldNotBeNull();
        SyncHarness.At(mark).ShouldBe(SyncHarness.At("2025-03-01T10:30:00Z"));

        // The same changes read again (as after a crash before the mark was stored) change nothing.
        var second = await hub.Poller.PollAsync(Erp, CancellationToken.None);
        second.Duplicates.ShouldBe(1);
        hub.Published.All.Count.ShouldBe(1);

        // A restarted hub (a new poller over the same database) resumes from the stored mark.
        var restarted = new ChangePoller(() => hub.Services.GetRequiredService<Func<HubConfiguration?>>()(), hub.Services.GetRequiredService<IOperationInvoker>(),
            hub.Applier, new HighWaterMarks(hub.Services.GetRequiredService<Storage.IStorageProvider>(), hub.Clock),
            new PollLeases(hub.Services.GetRequiredService<Storage.IStorageProvider>()), hub.Clock,
            hub.Services.GetRequiredService<ILogger<ChangePoller>>());
        await restarted.PollAsync(Erp, CancellationToken.None);

        erp.Sinces().ShouldBe([Epoch, mark, mark]);
    }

    [Fact]
    public async Task A_failed_poll_leaves_the_mark_as_it_was()
    {
        using var erp = ChangeFeeds.Start();
        await using var hub = await SyncHarness.StartAsync(TestStorage.Sqlite, ("systems/erp.yaml", ChangeFeeds.SystemYaml("erp", erp)));
        await hub.Marks.SetAsync("erp", Erp.Operation, "2025-03-01T08:00:00Z", CancellationToken.None);
        erp.Fail();

        var error = await Should.ThrowAsync<ConnectorException>(() => hub.Poller.PollAsync(Erp, CancellationToken.None));

        error.Message.ShouldContain("database is down");
        (await hub.Marks.GetAsync("erp", Erp.Operation, CancellationToken.None)).ShouldBe("2025-03-01T08:00:00Z");
        erp.Sinces().ShouldBe(["2025-03-01T08:00:00Z"]);
    }

    [Fact]
    public async Task A_failing_system_is_logged_once_and_never_stops_another_systems_poll()
    {
        using var erp = ChangeFeeds.Start();
        using var shop = ChangeFeeds.Start();
        await using var hub = await SyncHarness.StartAsync(TestStorage.Sqlite,
            ("systems/erp.yaml", ChangeFeeds.SystemYaml("erp", erp)), ("systems/shop.yaml", ChangeFeeds.SystemYaml("shop", shop)),
            ("flows/orders.yaml", ChangeFeeds.FlowYaml(30, "erp", "shop")));
        var customer = await hub.SaveCustomerAsync("shop", "C-1");
        var order = await hub.SaveOrderAsync(customer, "shop", "W-1", OrderStatus.Confirmed, "2025-03-01T09:00:00Z");
        erp.Fail();
        shop.Answer(("W-1", "shipped", "2025-03-01T10:00:00Z"));

        await Task.WhenAll(hub.Poller.StartDue(CancellationToken.None));
        (await hub.Orders.GetAsync(order.Id, CancellationToken.None))!.Status.ShouldBe(OrderStatus.Shipped);

        // Not due before the interval, then both are polled again.
        hub.Clock.Advance(TimeSpan.FromSeconds(29));
        hub.Poller.StartDue(CancellationToken.None).ShouldBeEmpty();
        hub.Clock.Advance(TimeSpan.FromSeconds(1));
        shop.Answer(("W-1", "delivered", "2025-03-01T11:00:00Z"));
        await Task.WhenAll(hub.Poller.StartDue(CancellationToken.None));
        (await hub.Orders.GetAsync(order.Id, CancellationToken.None))!.Status.ShouldBe(OrderStatus.Delivered);

        erp.Answer();
        hub.Clock.Advance(TimeSpan.FromSeconds(30));
        await Task.WhenAll(hub.Poller.StartDue(CancellationToken.None));

        var poller = hub.Logs.Entries.Where(e => e.Category == typeof(ChangePoller).FullName).ToList();
        var failed = poller.Where(e => e.Level == LogLevel.Warning).ShouldHaveSingleItem();
        failed.Message.ShouldStartWith("Polling erp order.listChanged failed; it is tried again in 30 s: ");
        failed.Message.ShouldContain("database is down");
        poller.Count(e => e.Message.StartsWith("Polling erp order.listChanged failed again", StringComparison.Ordinal)).ShouldBe(1);
        poller.ShouldContain(e => e.Level == LogLevel.Information && e.Message == "Polling erp order.listChanged works again");
        erp.Sinces().Count.ShouldBe(3);
        shop.Sinces().Count.ShouldBe(3);
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task Of_several_hubs_on_one_database_one_polls_each_interval_and_another_takes_over_when_it_stops(TestStorage storage)
    {
        using var erp = ChangeFeeds.Start();
        await using var hubA = await SyncHarness.StartAsync(storage, ("systems/erp.yaml", ChangeFeeds.SystemYaml("erp", erp)), ("flows/orders.yaml", ChangeFeeds.FlowYaml(30, "erp")));
        var hubB = hubA.AnotherHub();
        var customer = await hubA.SaveCustomerAsync("erp", "C-1");
        var order = await hubA.SaveOrderAsync(customer, "erp", "SO-1", OrderStatus.Confirmed, "2025-03-01T09:00:00Z");
        erp.Answer(("SO-1", "shipped", "2025-03-01T10:00:00Z"));

        async Task TickBothAsync() => await Task.WhenAll([.. hubA.Poller.StartDue(CancellationToken.None), .. hubB.Poller.StartDue(CancellationToken.None)]);

        await TickBothAsync();
        erp.Sinces().ShouldBe([Epoch], "both were due; one claimed the poll");
        (await hubA.Orders.GetAsync(order.Id, CancellationToken.None))!.Status.ShouldBe(OrderStatus.Shipped);
        var mark = (await hubA.Marks.GetAsync("erp", Erp.Operation, CancellationToken.None)).ShouldNotBeNull();

        hubA.Clock.Advance(TimeSpan.FromSeconds(29));
        await TickBothAsync();
        erp.Sinces().Count.ShouldBe(1, "not due before the interval, on either hub");

        hubA.Clock.Advance(TimeSpan.FromSeconds(1));
        await TickBothAsync();
        erp.Sinces().ShouldBe([Epoch, mark], "one poll per interval, from the mark the other hub may have stored");

        // Hub A stops; hub B polls at the next interval on its own.
        hubA.Clock.Advance(TimeSpan.FromSeconds(30));
        await Task.WhenAll(hubB.Poller.StartDue(CancellationToken.None));
        erp.Sinces().Count.ShouldBe(3);
        (hubA.Published.All.Count + hubB.Published.All.Count).ShouldBe(1);
    }

    [Fact]
    public async Task The_polls_follow_the_configuration_as_it_is_reloaded()
    {
        using var erp = ChangeFeeds.Start();
        await using var hub = await SyncHarness.StartAsync(TestStorage.Sqlite,
            ("systems/erp.yaml", ChangeFeeds.SystemYaml("erp", erp)), ("systems/idle.yaml", ChangeFeeds.SystemYaml("idle", erp, mode: "off")),
            ("flows/orders.yaml", ChangeFeeds.FlowYaml(30, "erp", "idle")));

        hub.Poller.Targets.ShouldBe([Erp], "a system that is off is not polled");

        hub.Directory.Write("flows/orders.yaml", ChangeFeeds.FlowYaml(0, "erp"));
        hub.Reload();
        hub.Poller.Targets.ShouldBeEmpty();

        hub.Directory.Write("flows/orders.yaml", ChangeFeeds.FlowYaml(600, "erp"));
        hub.Directory.Write("flows/orders-fast.yaml", ChangeFeeds.FlowYaml(5, "erp").Replace("name: orders", "name: orders-fast", StringComparison.Ordinal));
        hub.Reload();
        hub.Poller.Targets.ShouldBe([Erp with { Interval = TimeSpan.FromSeconds(5) }], "two flows polling one system: the more frequent one decides");

        hub.Directory.Write("flows/orders.yaml", ChangeFeeds.FlowYaml(600, "erp").Replace("mode: on", "mode: off", StringComparison.Ordinal));
        hub.Directory.Write("flows/orders-fast.yaml", ChangeFeeds.FlowYaml(5, "erp").Replace("name: orders", "name: orders-fast", StringComparison.Ordinal).Replace("mode: on", "mode: off", StringComparison.Ordinal));
        hub.Reload();
        hub.Poller.Targets.ShouldBeEmpty("a flow that is off polls nothing");
    }

    [Fact]
    public async Task The_hosted_poller_polls_at_start_and_then_every_interval_on_the_clock()
    {
        using var erp = ChangeFeeds.Start();
        await using var hub = await SyncHarness.StartAsync(TestStorage.Sqlite,
            ("systems/erp.yaml", ChangeFeeds.SystemYaml("erp", erp)), ("flows/orders.yaml", ChangeFeeds.FlowYaml(30, "erp")));
        erp.Answer(("SO-1", "shipped", "2025-03-01T10:00:00Z"));

        await hub.Poller.StartAsync(CancellationToken.None);
        try
        {
            await EventuallyAsync(() => erp.Sinces().Count == 1 && hub.Poller.StartDue(CancellationToken.None).Count == 0);
            await AdvanceAsync(hub, TimeSpan.FromSeconds(29));
            erp.Sinces().Count.ShouldBe(1);

            await AdvanceAsync(hub, TimeSpan.FromSeconds(1));
            await EventuallyAsync(() => erp.Sinces().Count == 2);
        }
        finally
        {
            await hub.Poller.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Moves the fake clock a second at a time, letting the poller's loop run between steps.</summary>
    private static async Task AdvanceAsync(SyncHarness hub, TimeSpan by)
    {
        for (var moved = TimeSpan.Zero; moved < by; moved += TimeSpan.FromSeconds(1))
        {
            hub.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(30);
        }
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15), "the condition did not hold in time");
            await Task.Delay(50);
        }
    }
}
