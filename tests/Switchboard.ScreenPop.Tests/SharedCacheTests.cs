using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Configuration;
using Switchboard.Connectors;
using Switchboard.ScreenPop.Lookup;
using Switchboard.ScreenPop.Tests.Support;
using Switchboard.Testing;
using static Switchboard.ScreenPop.Tests.Support.Callers;

namespace Switchboard.ScreenPop.Tests;

/// <summary>
/// Two hub processes sharing one real Redis server as their screen-pop cache (each with its own stub systems, so a
/// request reaching a system shows which process asked): what one fetched serves the other, and a change reported to
/// either drops the answers in both. And a Redis that is down only costs the cache.
/// </summary>
public sealed class SharedCacheTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task What_one_hub_process_fetched_pops_on_another_until_a_change_reported_to_either_drops_it()
    {
        var redis = Redis(TestRedis());
        await using var a = await PopHarness.StartWithRedisAsync(redis);
        await using var b = await PopHarness.StartWithRedisAsync(redis);
        StubAnna(a);
        StubAnna(b);

        var fetched = (await a.PopAsync("call-1", AnnaPhone))[^1];
        var cached = (await b.PopAsync("call-2", "030 1234567"))[^1];

        cached.Complete.ShouldBeTrue();
        cached.Customer.ShouldNotBeNull().Orders.ShouldBe(fetched.Customer.ShouldNotBeNull().Orders);
        cached.Customer.Tickets.ShouldBe(fetched.Customer.Tickets);
        cached.Source("crm", "customer.findByPhone").ElapsedMs.ShouldBe(0);
        (b.Crm.Calls("/contacts") + b.Erp.Calls("/api/customers") + b.Erp.Calls("/api/orders")).ShouldBe(0, "hub B answered from what hub A fetched");

        // Anna's number changed at hub A: hub B asks for her again; her orders did not change, so they still come from the cache.
        await a.Engine.InvalidateAsync(phoneE164: AnnaPhone, ct: Ct);
        await b.PopAsync("call-3", AnnaPhone);
        b.Crm.Calls("/contacts").ShouldBe(1);
        b.Erp.Calls("/api/customers").ShouldBe(1);
        b.Erp.Calls("/api/orders").ShouldBe(0);

        // Her ERP record changed at hub B: hub A's next pop asks the ERP for her orders.
        await b.Engine.InvalidateAsync(system: "erp", externalId: "E-10", ct: Ct);
        await a.PopAsync("call-4", AnnaPhone);
        a.Erp.Calls("/api/orders").ShouldBe(2);
        a.Crm.Calls("/contacts").ShouldBe(1, "her CRM answer was fetched again by hub B and kept for both");
    }

    [Fact]
    public async Task A_change_reported_to_one_hub_process_stops_another_from_reusing_a_pop_begun_before_it()
    {
        var redis = Redis(TestRedis());
        await using var a = await PopHarness.StartWithRedisAsync(redis);
        await using var b = await PopHarness.StartWithRedisAsync(redis);
        StubAnna(b);
        await b.PopAsync(new PopRequest { CallId = "call-1", CallerNumber = AnnaPhone, Queue = "support" });
        b.Crm.Calls("/contacts").ShouldBe(1);

        await a.Engine.InvalidateAsync(phoneE164: AnnaPhone, ct: Ct);

        // The change reaches hub B through Redis's channel, not at once: until it has, ringing reuses the offered pop.
        var stopwatch = Stopwatch.StartNew();
        while (b.Crm.Calls("/contacts") == 1 && stopwatch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await b.PopAsync(new PopRequest { CallId = "call-1", CallerNumber = AnnaPhone, AgentId = "agent-7", Queue = "support" });
        }

        b.Crm.Calls("/contacts").ShouldBe(2, "hub B kept reusing a pop begun before the change made at hub A");
    }

    [Fact]
    public async Task An_answer_comes_back_from_Redis_as_it_went_in_and_can_be_placed_anywhere()
    {
        var redis = Environment.GetEnvironmentVariable(TestHub.RedisVariable).ShouldNotBeNull($"{TestHub.RedisVariable} is set by test.sh");
        await using var cache = new RedisLookupCache(redis, Prefix(), TimeSpan.FromMinutes(1), TimeProvider.System, NullLogger.Instance);
        var answer = new OperationResult
        {
            Outcome = OperationOutcome.Success,
            Records = [JsonNode.Parse("""{"externalId":"C-1","name":"Anna 王","total":120.50,"tags":["vip"],"address":{"city":"Berlin"}}""")!.AsObject()],
            HighWaterMark = "2026-12-07T09:00:00Z",
        };
        await cache.Connection;

        await cache.PutAsync("crm\ncustomer.get\nexternalId=\"C-1\"", answer, [LookupCache.IdTag("crm", "C-1")], Ct);
        var read = (await cache.GetAsync("crm\ncustomer.get\nexternalId=\"C-1\"", Ct)).ShouldNotBeNull();

        read.Outcome.ShouldBe(OperationOutcome.Success);
        read.HighWaterMark.ShouldBe(answer.HighWaterMark);
        read.Records.ShouldHaveSingleItem().ToJsonString().ShouldBe(answer.Records[0].ToJsonString());
        _ = new JsonArray(read.Records[0]);

        (await cache.InvalidateAsync([LookupCache.IdTag("crm", "C-1")], Ct)).ShouldBe(1);
        (await cache.GetAsync("crm\ncustomer.get\nexternalId=\"C-1\"", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task A_broad_tag_holds_only_the_answers_still_alive_not_every_answer_ever_kept()
    {
        var redis = Environment.GetEnvironmentVariable(TestHub.RedisVariable).ShouldNotBeNull($"{TestHub.RedisVariable} is set by test.sh");
        var prefix = Prefix();
        // Lifetimes of 3 s and steps of 1.8 s: a busy CI machine once took over a second between adding "last" and reading the
        // sets, when lifetimes were 1 s, and both sets had expired.
        await using var cache = new RedisLookupCache(redis, prefix, TimeSpan.FromMilliseconds(3000), TimeProvider.System, NullLogger.Instance);
        await cache.Connection;
        await using var server = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis);
        var database = server.GetDatabase();
        var answer = new OperationResult { Outcome = OperationOutcome.NoMatch };

        // The set lives on while answers keep coming (each add extends it): "first" expires inside it.
        await cache.PutAsync("first", answer, [LookupCache.SystemTag("crm")], Ct);
        await Task.Delay(1800, Ct);
        await cache.PutAsync("middle", answer, [LookupCache.SystemTag("crm")], Ct);
        await Task.Delay(1800, Ct);
        var beforeLast = await ServerMillisecondsAsync(database);
        await cache.PutAsync("last", answer, [LookupCache.SystemTag("crm")], Ct);

        // Every answer carries its system's tag and "all": without trimming, both sets would grow with every answer kept.
        // Adding "last" dropped every member already expired then; "middle" stays too unless a slow machine let it expire
        // (its lifetime is 3 s, its margin 1.2 s), so the test asserts what holds either way.
        var members = await database.SortedSetRangeByRankWithScoresAsync($"{prefix}:pop:t:system:crm");
        var names = members.Select(m => m.Element.ToString()).ToList();
        names.ShouldNotContain($"{prefix}:pop:v:first");
        names.ShouldContain($"{prefix}:pop:v:last");
        members.ShouldAllBe(m => m.Score > beforeLast);
        (await database.SortedSetLengthAsync($"{prefix}:pop:t:all")).ShouldBe(names.Count);
        // Invalidating counts the answers it dropped: "middle" may expire between reading the set and dropping it (a CI run
        // once took that long), so the count is "last" plus whatever else was still alive, never more than the set held.
        (await cache.InvalidateAsync([LookupCache.SystemTag("crm")], Ct)).ShouldBeInRange(1, names.Count);
        (await database.KeyExistsAsync($"{prefix}:pop:t:system:crm")).ShouldBeFalse();
        (await database.KeyExistsAsync($"{prefix}:pop:v:last")).ShouldBeFalse();
    }

    [Fact]
    public async Task With_Redis_down_pops_ask_the_systems_and_a_change_is_still_accepted()
    {
        var variable = $"SWITCHBOARD_TEST_REDIS_DOWN_{Guid.NewGuid():N}";
        // Port 1 on loopback: nothing listens, every connection is refused.
        Environment.SetEnvironmentVariable(variable, "127.0.0.1:1,connectTimeout=500");
        await using var pop = await PopHarness.StartWithRedisAsync(Redis("${env:" + variable + "}"));
        StubAnna(pop);

        var stopwatch = Stopwatch.StartNew();
        (await pop.PopAsync("call-1", AnnaPhone))[^1].Customer.ShouldNotBeNull();
        await pop.Engine.InvalidateAsync(phoneE164: AnnaPhone, ct: Ct);
        (await pop.PopAsync("call-2", AnnaPhone))[^1].Customer.ShouldNotBeNull().Orders.Count.ShouldBe(2);

        pop.Crm.Calls("/contacts").ShouldBe(2, "nothing could be cached");
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
    }

    /// <summary>The Redis server test.sh started, as a reference the way switchboard.yaml names it.</summary>
    private static string TestRedis()
    {
        Environment.GetEnvironmentVariable(TestHub.RedisVariable).ShouldNotBeNull($"{TestHub.RedisVariable} is set by test.sh");
        return "${env:" + TestHub.RedisVariable + "}";
    }

    private static RedisSettings Redis(string reference)
    {
        SecretReference.TryParse(reference, null, out var secret, out var error).ShouldBeTrue(error);
        return new RedisSettings { ConnectionString = secret!, ChannelPrefix = Prefix() };
    }

    private static string Prefix() => $"test-{Guid.NewGuid():N}";

    private static async Task<double> ServerMillisecondsAsync(StackExchange.Redis.IDatabase database)
    {
        var time = (StackExchange.Redis.RedisResult[])(await database.ExecuteAsync("TIME"))!;
        return (long)time[0] * 1000.0 + (long)time[1] / 1000;
    }
}
