using Monitor.Worker.Storage.Sqlite;

namespace Monitor.Worker.Tests.Storage;

public sealed class BandIndexTests
{
    [Fact]
    public void Finds_items_sharing_a_key_newest_first_within_the_window_and_capped()
    {
        var index = new BandIndex();
        index.Add(1, 100, row: 1 + 1000, [7, 8]);
        index.Add(2, 300, row: 2 + 1000, [8]);
        index.Add(3, 200, row: 3 + 1000, [9, 8]);
        index.Add(4, 50, row: 4 + 1000, [8]);  // before the window
        index.Add(5, 300, row: 5 + 1000, [10]); // other keys

        Assert.Equal([(2L, 300L, 1002L), (3L, 200L, 1003L), (1L, 100L, 1001L)], index.Find([8, 7], notBefore: 60, cap: 10));
        Assert.Equal([(2L, 300L, 1002L), (3L, 200L, 1003L)], index.Find([8], notBefore: 60, cap: 2));
        Assert.Empty(index.Find([11], notBefore: 0, cap: 10));
    }

    [Fact]
    public void An_item_sharing_many_keys_is_found_once_in_every_lookup_also_after_the_table_is_rebuilt()
    {
        var index = new BandIndex();
        index.Add(1, 100, row: 1001, [1, 2, 3, 4]);
        index.Add(2, 200, row: 1002, [2, 3]);
        for (var round = 0; round < 3; round++)
            Assert.Equal([(2L, 200L, 1002L), (1L, 100L, 1001L)], index.Find([1, 2, 3, 4, 2], notBefore: 0, cap: 10));

        // Enough items to grow (rebuild and renumber) the table between lookups.
        for (var id = 3; id < 3_000; id++) index.Add(id, 10, row: 1000 + id, [(uint)(100 + id), 3]);
        index.Remove(2);
        var found = index.Find([1, 2, 3], notBefore: 50, cap: 10_000);
        Assert.Equal([(1L, 100L, 1001L)], found);
        Assert.Equal(2_998, index.Find([3], notBefore: 0, cap: 10_000).Count);
    }

    [Fact]
    public void Lookups_equal_a_scan_of_every_live_item_with_repeated_keys_removals_and_rebuilds()
    {
        var random = new Random(11);
        var index = new BandIndex();
        var items = new Dictionary<long, (long Published, long Row, uint[] Keys)>();
        for (var round = 0; round < 4_000; round++)
        {
            var id = round + 1L;
            var keys = Enumerable.Range(0, random.Next(1, 6)).Select(_ => (uint)random.Next(0, 400)).ToArray();
            var item = (Published: (long)random.Next(0, 50), Row: 10_000 + id, Keys: keys);
            index.Add(id, item.Published, item.Row, keys);
            items[id] = item;
            if (round % 7 == 0 && items.Count > 1)
            {
                var gone = items.Keys.ElementAt(random.Next(items.Count));
                index.Remove(gone);
                items.Remove(gone);
            }
            if (round % 5 != 0) continue;
            var query = Enumerable.Range(0, random.Next(1, 8)).Select(_ => (uint)random.Next(0, 400)).ToArray();
            var notBefore = random.Next(0, 50);
            var cap = random.Next(1, 40);
            var expected = items.Where(kv => kv.Value.Published >= notBefore && kv.Value.Keys.Intersect(query).Any())
                .OrderByDescending(kv => kv.Value.Published).ThenByDescending(kv => kv.Key)
                .Take(cap).Select(kv => (kv.Key, kv.Value.Published, kv.Value.Row)).ToList();
            Assert.Equal(expected, index.Find(query, notBefore, cap));
        }
    }

    [Fact]
    public void Equal_times_order_by_the_highest_id_first()
    {
        var index = new BandIndex();
        index.Add(1, 100, row: 1 + 1000, [1]);
        index.Add(3, 100, row: 3 + 1000, [1]);
        index.Add(2, 100, row: 2 + 1000, [1]);

        Assert.Equal([3L, 2L, 1L], index.Find([1], 0, 10).Select(f => f.ItemId));
    }

    [Fact]
    public void Removed_and_pruned_items_are_no_longer_found_and_survivors_keep_their_keys_through_rebuilds()
    {
        var index = new BandIndex();
        for (var i = 0; i < 5_000; i++) index.Add(i, i, row: i + 1000, [(uint)i, (uint)(i % 7), 0xFFFF_FFFFu]);

        Assert.True(index.Remove(4_999));
        Assert.False(index.Remove(123_456));
        Assert.Equal(2_500, index.PruneOlderThan(2_500));

        Assert.Equal(2_499, index.Count);
        Assert.Empty(index.Find([4_999], 0, 10));
        Assert.Empty(index.Find([10], 0, 10));
        Assert.Equal([(2_500L, 2_500L, 3_500L)], index.Find([2_500], 0, 10));
        Assert.Equal(200, index.Find([0xFFFF_FFFFu], 0, 200).Count);
        Assert.Equal(4_998, index.Find([0xFFFF_FFFFu], 0, 200)[0].ItemId);
        Assert.All(index.Find([3], 0, 10_000), f => Assert.Equal(3, f.ItemId % 7));
    }

    [Fact]
    public void Folding_keeps_both_halves_of_a_key()
    {
        Assert.Equal(0u, BandIndex.Fold(0));
        Assert.Equal(1u, BandIndex.Fold(1L << 32));
        Assert.Equal(0u, BandIndex.Fold(-1));
        Assert.NotEqual(BandIndex.Fold(10), BandIndex.Fold(10L | (5L << 32)));
    }

    [Fact]
    public void Sorting_newest_first_orders_as_the_comparison_it_replaces_negative_and_extreme_values_included()
    {
        var random = new Random(11);
        long[] extremes = [long.MinValue, long.MinValue + 1, -1, 0, 1, long.MaxValue - 1, long.MaxValue];
        long Pick() => random.Next(4) == 0 ? extremes[random.Next(extremes.Length)] : random.Next(-50, 50);
        for (var round = 0; round < 50; round++)
        {
            var found = Enumerable.Range(0, random.Next(0, 400)).Select(i => (ItemId: Pick(), Published: Pick(), Row: (long)i)).ToList();
            var expected = found.OrderByDescending(f => f.Published).ThenByDescending(f => f.ItemId).Select(f => (f.ItemId, f.Published)).ToList();

            BandIndex.SortNewestFirst(found);

            Assert.Equal(expected, found.Select(f => (f.ItemId, f.Published)));
        }
    }
}
