using Switchboard.ScreenPop.Lookup;

namespace Switchboard.ScreenPop.Tests.Lookup;

/// <summary>The lists a customer 360 shows: newest first, ties in the order the systems answered, each item once, capped.</summary>
public sealed class ShownItemsTests
{
    private static readonly Comparison<PopOrder> NewestFirst = static (a, b) => string.CompareOrdinal(b.CreatedAt, a.CreatedAt);

    [Fact]
    public void Sorting_puts_the_newest_first_keeps_ties_in_their_order_and_undated_items_last()
    {
        List<PopOrder> orders =
        [
            Order("erp", "1", "2026-01-01"), Order("crm", "2", null), Order("erp", "3", "2026-03-01"),
            Order("crm", "4", "2026-01-01"), Order("erp", "5", "2026-01-01"), Order("crm", "6", null),
        ];

        ShownItems.SortStable(orders, NewestFirst);

        orders.Select(o => o.ExternalId).ShouldBe(["3", "1", "4", "5", "2", "6"]);
    }

    [Fact]
    public void Sorting_many_items_gives_what_a_stable_OrderBy_gives()
    {
        var random = new Random(7);
        List<PopOrder> orders = [.. Enumerable.Range(0, 500).Select(i => Order(i % 2 == 0 ? "erp" : "crm", $"{i}", random.Next(4) == 0 ? null : $"2026-0{random.Next(1, 10)}"))];
        var expected = orders.OrderByDescending(o => o.CreatedAt, StringComparer.Ordinal).Select(o => o.ExternalId).ToList();

        ShownItems.SortStable(orders, NewestFirst);

        orders.Select(o => o.ExternalId).ShouldBe(expected);
    }

    [Fact]
    public void Adding_skips_an_item_already_shown_and_stops_at_the_cap()
    {
        List<PopOrder> shown = [];
        Func<PopOrder, PopOrder, bool> same = static (a, b) => a.System == b.System && a.ExternalId == b.ExternalId;

        foreach (var order in new[] { Order("erp", "1", "b"), Order("crm", "1", "b"), Order("erp", "1", "a"), Order("erp", "2", "a"), Order("erp", "3", "a") })
        {
            ShownItems.AddOnce(shown, order, same, max: 3);
        }

        shown.Select(o => (o.System, o.ExternalId, o.CreatedAt)).ShouldBe([("erp", "1", "b"), ("crm", "1", "b"), ("erp", "2", "a")]);
    }

    private static PopOrder Order(string system, string id, string? createdAt) => new() { System = system, ExternalId = id, CreatedAt = createdAt };
}
