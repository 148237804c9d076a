using Monitor.Worker.Storage;
using Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Tests.Storage;

/// <summary>An item's tags merged and written once when prepared must be what the save made of the plain list.</summary>
public sealed class StoredTagsTests
{
    [Fact]
    public void Prepared_tags_are_the_merged_list_and_its_column_value_as_the_save_makes_them_from_a_plain_list()
    {
        var random = new Random(11);
        string[] kinds = ["topic", "watch"], names = ["politics", "people", "places"], words = ["بيان", "الائتلاف", "إدلب", "قصف", "اللاجئين"];
        for (var run = 0; run < 500; run++)
        {
            var tags = Enumerable.Range(0, random.Next(0, 12)).Select(_ => new TagRecord(
                kinds[random.Next(kinds.Length)], names[random.Next(names.Length)], random.Next(3) == 0 ? null : words[random.Next(words.Length)],
                Enumerable.Range(0, random.Next(1, 5)).Select(_ => words[random.Next(words.Length)]).ToList(), random.Next(1, 9) / 2.0)).ToList();

            var stored = StoredTags.Of(tags);
            var (merged, json) = StoredTags.For(tags);
            var (storedMerged, storedJson) = StoredTags.For(stored);

            Assert.Same(stored, storedMerged);
            Assert.Equal(json, storedJson);
            Assert.Equal(TagJson.Write(TagMerge.Merge([], tags)), stored.Json);
            Assert.Equal(merged.Count, stored.Count);
            for (var i = 0; i < merged.Count; i++)
            {
                Assert.Equal((merged[i].Kind, merged[i].Name, merged[i].Entry, merged[i].Score), (stored[i].Kind, stored[i].Name, stored[i].Entry, stored[i].Score));
                Assert.Equal(merged[i].Matched, stored[i].Matched);
            }
        }
    }

    [Fact]
    public void No_tags_store_no_column_value()
    {
        Assert.Null(StoredTags.Of([]).Json);
        Assert.Empty(StoredTags.Of([]));
    }

    [Fact]
    public void A_repeated_tag_is_kept_once_with_its_words_once()
    {
        var stored = StoredTags.Of([
            new TagRecord("topic", "politics", null, ["بيان", "بيان"], 1),
            new TagRecord("topic", "politics", null, ["الائتلاف"], 2),
        ]);
        var tag = Assert.Single(stored);
        Assert.Equal(["بيان", "الائتلاف"], tag.Matched);
        Assert.Equal(2, tag.Score);
        Assert.Equal(TagJson.Write([tag]), stored.Json);
    }
}
