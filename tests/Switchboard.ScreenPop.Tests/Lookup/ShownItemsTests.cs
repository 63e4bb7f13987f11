using Switchboard.ScreenPop.Lookup;
using Switchboard.ScreenPop.Matching;

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

    [Fact]
    public void Merging_puts_what_the_caller_quoted_first_only_for_the_one_shown_and_each_item_once()
    {
        var anna = new CandidateGroup([new FoundRecord { System = "crm", ExternalId = "C-1", Origins = ["phone"] }]);
        List<OwnedItem<PopOrder>> quoted = [new("crm:C-9", Order("erp", "9", "2026-05-01")), new("crm:C-1", Order("erp", "1", "2025-01-01"))];
        List<PopOrder> answered = [Order("erp", "2", "2026-02-01"), Order("erp", "1", "2025-01-01")];

        var shown = ShownItems.Merge(quoted, anna, answered, static (a, b) => a.System == b.System && a.ExternalId == b.ExternalId, max: 20);

        shown.Select(o => o.ExternalId).ShouldBe(["1", "2"]);
    }

    private static PopOrder Order(string system, string id, string? createdAt) => new() { System = system, ExternalId = id, CreatedAt = createdAt };
}
