namespace Switchboard.ScreenPop.Lookup;

/// <summary>
/// Builds the lists a customer 360 shows (orders, tickets, history) without LINQ: a pop builds one for every snapshot,
/// several per call, and the LINQ version was a tenth of all a pop allocated.
/// </summary>
internal static class ShownItems
{
    /// <summary>Sorts <paramref name="items"/> in place by <paramref name="order"/>; items it ties keep their order (as <c>OrderBy</c> would).</summary>
    public static void SortStable<T>(List<T> items, Comparison<T> order)
    {
        if (items.Count < 2)
        {
            return;
        }

        var tagged = new (T Item, int At)[items.Count];
        for (var i = 0; i < tagged.Length; i++)
        {
            tagged[i] = (items[i], i);
        }

        Array.Sort(tagged, (x, y) => order(x.Item, y.Item) is var c and not 0 ? c : x.At.CompareTo(y.At));
        for (var i = 0; i < tagged.Length; i++)
        {
            items[i] = tagged[i].Item;
        }
    }

    /// <summary>
    /// What the caller quoted in the IVR (of <paramref name="focus"/>) first, then what the systems answered, each item once,
    /// at most <paramref name="max"/>.
    /// </summary>
    public static List<T> Merge<T>(List<OwnedItem<T>> quoted, Matching.CandidateGroup focus, List<T> answered, Func<T, T, bool> same, int max)
    {
        var shown = new List<T>(max);
        foreach (var owned in quoted)
        {
            if (focus.IsKnownBy(owned.Owner))
            {
                AddOnce(shown, owned.Item, same, max);
            }
        }

        foreach (var item in answered)
        {
            AddOnce(shown, item, same, max);
        }

        return shown;
    }

    /// <summary>Adds <paramref name="item"/> unless <paramref name="shown"/> holds the same one already or is full.</summary>
    public static void AddOnce<T>(List<T> shown, T item, Func<T, T, bool> same, int max)
    {
        if (shown.Count >= max)
        {
            return;
        }

        foreach (var held in shown)
        {
            if (same(held, item))
            {
                return;
            }
        }

        shown.Add(item);
    }
}
