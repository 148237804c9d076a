namespace Monitor.Core.Dedup;

/// <summary>
/// Chooses the item that stands for a story: the original statement where it is known. An item from a primary source
/// (the publisher's own site) outranks republishers; among equals the earliest wins; then the longest text (the least
/// cut copy); then the lowest id, so the choice never depends on input order.
/// </summary>
public static class StoryRepresentative
{
    /// <returns>The chosen item's id, or null for an empty story.</returns>
    public static long? Choose(IReadOnlyList<(long ItemId, bool Primary, DateTimeOffset Published, int TextLength)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0) return null;
        var best = items[0];
        for (var i = 1; i < items.Count; i++)
            if (Outranks(items[i], best)) best = items[i];
        return best.ItemId;
    }

    private static bool Outranks((long ItemId, bool Primary, DateTimeOffset Published, int TextLength) a,
                                 (long ItemId, bool Primary, DateTimeOffset Published, int TextLength) b)
    {
        if (a.Primary != b.Primary) return a.Primary;
        if (a.Published != b.Published) return a.Published < b.Published;
        if (a.TextLength != b.TextLength) return a.TextLength > b.TextLength;
        return a.ItemId < b.ItemId;
    }
}
