using Monitor.Worker.Storage;

namespace Monitor.Worker.Tests.Storage;

public sealed class MergeSortTests
{
    private readonly struct ByKey : IComparer<(int Key, int Order)>
    {
        public int Compare((int Key, int Order) a, (int Key, int Order) b) => a.Key.CompareTo(b.Key);
    }

    [Theory]
    [InlineData(0)] [InlineData(1)] [InlineData(2)] [InlineData(16)] [InlineData(17)] [InlineData(33)] [InlineData(1000)] [InlineData(4099)]
    public void Sorts_as_a_stable_sort_does_at_every_length(int length)
    {
        var random = new Random(length);
        // Few distinct keys, so equal keys are common and their original order shows whether the sort is stable.
        var items = Enumerable.Range(0, length).Select(i => (Key: random.Next(length / 4 + 1), Order: i)).ToArray();
        var expected = items.OrderBy(x => x.Key).ToArray(); // LINQ's OrderBy is stable

        MergeSort.Sort(items.AsSpan(), new ByKey());

        Assert.Equal(expected, items);
    }

    [Fact]
    public void Sorts_already_ordered_and_reversed_input()
    {
        var ascending = Enumerable.Range(0, 500).Select(i => (Key: i, Order: i)).ToArray();
        var reversed = ascending.Reverse().ToArray();

        MergeSort.Sort(reversed.AsSpan(), new ByKey());
        MergeSort.Sort(ascending.AsSpan(), new ByKey());

        Assert.Equal(Enumerable.Range(0, 500), reversed.Select(x => x.Key));
        Assert.Equal(Enumerable.Range(0, 500), ascending.Select(x => x.Order));
    }

    [Fact]
    public void Sorts_input_made_of_sorted_stretches_some_already_in_order_with_their_neighbours()
    {
        // Blocks that are each sorted: some adjacent runs are in order (copied), others overlap (merged).
        int[][] blocks = [[.. Enumerable.Range(0, 40)], [.. Enumerable.Range(40, 40)], [.. Enumerable.Range(10, 70)], [.. Enumerable.Range(0, 5)], [.. Enumerable.Range(200, 33)]];
        var items = blocks.SelectMany(b => b).Select((key, i) => (Key: key, Order: i)).ToArray();
        var expected = items.OrderBy(x => x.Key).ToArray();

        MergeSort.Sort(items.AsSpan(), new ByKey());

        Assert.Equal(expected, items);
    }
}
