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
}
