using Monitor.Worker.Storage;
using Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Tests.Storage;

public sealed class TagMergeTests
{
    [Fact]
    public void Tags_of_one_kind_name_and_entry_become_one_with_their_words_once_in_first_seen_order_and_the_top_score()
    {
        var existing = new[]
        {
            new TagRecord("topic", "politics", "سياسة", ["بيان", "الائتلاف", "بيان"], 2),
            new TagRecord("watch", "people", "الأسد", ["الأسد"], 1),
        };
        var added = new[]
        {
            new TagRecord("topic", "politics", "سياسة", ["الائتلاف", "مفاوضات"], 3),
            new TagRecord("watch", "people", "هادي البحرة", ["البحرة"], 1),
        };

        var merged = TagMerge.Merge(existing, added);

        Assert.Equal(3, merged.Count);
        Assert.Equal(("politics", 3.0), (merged[0].Name, merged[0].Score));
        Assert.Equal(["بيان", "الائتلاف", "مفاوضات"], merged[0].Matched);
        Assert.Equal(["الأسد"], merged[1].Matched);
        Assert.Equal("هادي البحرة", merged[2].Entry);
    }

    [Theory]
    [InlineData(5)]    // scanned
    [InlineData(200)]  // past the scan's limit: a set
    public void Distinct_words_keep_first_seen_order_as_LINQ_Distinct_does(int words)
    {
        var random = new Random(words);
        var first = Enumerable.Range(0, words).Select(_ => "w" + random.Next(words / 2 + 1)).ToList();
        var second = Enumerable.Range(0, words).Select(_ => "w" + random.Next(words)).ToList();

        var expected = first.Concat(second).Distinct(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, TagMerge.DistinctInOrder(first, second));
    }
}
