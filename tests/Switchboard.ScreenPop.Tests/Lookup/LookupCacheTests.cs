using Microsoft.Extensions.Time.Testing;
using Switchboard.Connectors;
using Switchboard.ScreenPop.Lookup;

namespace Switchboard.ScreenPop.Tests.Lookup;

public sealed class LookupCacheTests
{
    private static readonly OperationResult Answer = OperationResult.Success([new System.Text.Json.Nodes.JsonObject { ["externalId"] = "1" }]);

    [Fact]
    public void An_answer_is_reused_for_its_lifetime_only()
    {
        var clock = new FakeTimeProvider();
        var cache = new LookupCache(clock, TimeSpan.FromSeconds(60));
        var key = LookupCache.Key("crm", "customer.findByPhone", OperationArguments.From(("phone", "+4930111222")));
        cache.Put(key, Answer, []);

        cache.TryGet(key, out var found).ShouldBeTrue();
        found.ShouldBeSameAs(Answer);
        clock.Advance(TimeSpan.FromSeconds(61));
        cache.TryGet(key, out _).ShouldBeFalse();
    }

    [Fact]
    public void Arguments_in_any_order_make_the_same_key_and_other_values_another()
    {
        var a = LookupCache.Key("crm", "customer.get", OperationArguments.From(("externalId", "1"), ("customerId", "1")));
        var b = LookupCache.Key("crm", "customer.get", OperationArguments.From(("customerId", "1"), ("externalId", "1")));
        var c = LookupCache.Key("crm", "customer.get", OperationArguments.From(("customerId", "2"), ("externalId", "1")));

        a.ShouldBe(b);
        a.ShouldNotBe(c);
    }

    [Fact]
    public void Invalidation_drops_the_entries_tagged_with_a_phone_or_an_id_and_keeps_the_rest()
    {
        var cache = new LookupCache(TimeProvider.System, TimeSpan.FromMinutes(1));
        cache.Put("a", Answer, [LookupCache.PhoneTag("+4930111222"), LookupCache.SystemTag("crm")]);
        cache.Put("b", Answer, [LookupCache.IdTag("erp", "E-1"), LookupCache.SystemTag("erp")]);
        cache.Put("c", Answer, [LookupCache.IdTag("erp", "E-2"), LookupCache.SystemTag("erp")]);

        cache.Invalidate([LookupCache.PhoneTag("+4930111222")]).ShouldBe(1);
        cache.Invalidate([LookupCache.IdTag("erp", "E-1")]).ShouldBe(1);
        cache.TryGet("c", out _).ShouldBeTrue();
        cache.Invalidate([]).ShouldBe(1);
        cache.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_full_cache_evicts_safely_while_many_pops_add_to_it()
    {
        var cache = new LookupCache(TimeProvider.System, TimeSpan.FromMinutes(1), capacity: 200);

        // Eviction sorts the entries while other pops keep adding: it must never throw.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                cache.Put($"{worker}-{i}", Answer, [LookupCache.PhoneTag($"+1{worker}{i}")]);
            }
        })));

        cache.Count.ShouldBeLessThanOrEqualTo(200 + 8);
    }
}
