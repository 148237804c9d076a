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

    [Fact]
    public void Many_tags_merge_as_few_do_once_the_places_are_indexed()
    {
        // Forty distinct tags (past the scan's limit), each seen three times with other words and scores.
        var random = new Random(7);
        var tags = Enumerable.Range(0, 120).Select(i => new TagRecord(
            i % 2 == 0 ? "topic" : "watch", "n" + i % 40, i % 3 == 0 ? null : "e" + i % 40 % 3,
            ["w" + random.Next(5), "w" + random.Next(5)], random.Next(10))).ToList();

        var merged = TagMerge.Merge(tags.Take(50), tags.Skip(50));

        // The definition: one tag per (kind, name, entry) in first-seen order, words distinct in first-seen order, top score.
        var expected = tags.GroupBy(t => (t.Kind, t.Name, t.Entry ?? "")).Select(g => (
            g.Key, Words: g.SelectMany(t => t.Matched).Distinct().ToList(), Score: g.Max(t => t.Score))).ToList();
        Assert.Equal(expected.Count, merged.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Key, (merged[i].Kind, merged[i].Name, merged[i].Entry ?? ""));
            Assert.Equal(expected[i].Words, merged[i].Matched);
            Assert.Equal(expected[i].Score, merged[i].Score);
        }
    }

    [Fact]
    public void The_tag_column_writes_whole_scores_as_integers_and_reads_back_every_score()
    {
        var tags = new[]
        {
            new TagRecord("topic", "politics", "سياسة", ["بيان"], 3),
            new TagRecord("watch", "places", "درعا", ["درعا"], 2.5),
            new TagRecord("watch", "places", "حلب", [], 0),
        };

        var json = TagJson.Write(tags)!;

        Assert.Equal("""[["topic","politics","سياسة",["بيان"],3],["watch","places","درعا",["درعا"],2.5],["watch","places","حلب",[],0]]""", json);
        Assert.Equal(tags.Select(t => (t.Kind, t.Name, t.Entry, t.Score, string.Join('|', t.Matched))),
            TagJson.Read(json).Select(t => (t.Kind, t.Name, t.Entry, t.Score, string.Join('|', t.Matched))));
    }

    [Fact]
    public void The_tag_column_holds_any_text_and_reads_back_what_a_JSON_reader_reads()
    {
        string[] words =
        [
            "قال \"الائتلاف\"", @"back\slash", "line\nbreak\ttab\rreturn", "\u0001\u001f", "\u200Fو\u200Eدرعا", "😀 emoji", "", "</script>&",
        ];
        var tags = new[] { new TagRecord("watch", "غريب \"اسم\"", null, words, 0.1 + 0.2), new TagRecord("topic", "t", "e", [], 1e16) };

        var json = TagJson.Write(tags)!;

        // Any JSON reader reads the same values (not only our own).
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(words, doc.RootElement[0][3].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0.1 + 0.2, doc.RootElement[0][4].GetDouble());
        var read = TagJson.Read(json);
        Assert.Equal(words, read[0].Matched);
        Assert.Equal(("غريب \"اسم\"", (string?)null, 1e16), (read[0].Name, read[0].Entry, read[1].Score));
    }

    [Fact]
    public void A_lone_surrogate_in_a_tag_is_written_as_the_replacement_character()
    {
        var json = TagJson.Write([new TagRecord("watch", "w", null, ["a\uD800b", "\uDC00"], 1)])!;

        Assert.Equal(["a\uFFFDb", "\uFFFD"], TagJson.Read(json)[0].Matched);
    }
}
