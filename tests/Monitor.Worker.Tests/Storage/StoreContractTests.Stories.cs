using Monitor.Worker.Storage;
using static Monitor.Worker.Tests.Storage.StoreTestData;

namespace Monitor.Worker.Tests.Storage;

public abstract partial class StoreContractTests
{
    private static TagRecord Topic(string name, double score, params string[] matched) => new("topic", name, null, matched, score);

    [Fact]
    public async Task Joining_a_story_records_the_reason_and_prefers_the_primary_publisher()
    {
        await Store.UpsertSourcesAsync([Source("repub"), Source("coalition", primary: true)], Ct);
        var (first, story) = await Store.SaveItemAsync(Item("repub", "first", T0), NewStory(Topic("politics", 0.5, "بيان")), Ct);
        var (second, joined) = await Store.SaveItemAsync(Item("coalition", "second", T0.AddHours(1)),
            Join(story, first, Topic("politics", 0.9, "ائتلاف", "بيان"), new TagRecord("watch", "people", "هادي البحرة", ["البحرة"], 1)), Ct);

        Assert.Equal(story, joined);
        var s = (await Store.GetStoryAsync(story, Ct))!;
        Assert.Equal(second, s.RepresentativeItemId);
        Assert.Equal(T0, s.FirstSeen);
        Assert.Equal(T0.AddHours(1).AddMinutes(5), s.LastUpdated);
        Assert.Equal([first, second], s.Items.Select(i => i.ItemId));
        var joinedItem = s.Items[1];
        Assert.Equal((first, 0.875, "near-duplicate"), (joinedItem.MatchedItemId!.Value, joinedItem.Similarity, joinedItem.MatchKind));
        Assert.Equal("Source coalition", joinedItem.SourceName);
        Assert.True(joinedItem.SourcePrimary);
        Assert.Equal("<p>second</p>", joinedItem.Html);
        Assert.Null(s.Items[0].MatchedItemId);

        var politics = Assert.Single(s.Tags, t => t.Kind == "topic");
        Assert.Equal(["بيان", "ائتلاف"], politics.Matched);
        Assert.Equal(0.9, politics.Score);
        var watch = Assert.Single(s.Tags, t => t.Kind == "watch");
        Assert.Equal("هادي البحرة", watch.Entry);
    }

    [Fact]
    public async Task A_republication_with_the_story_s_tags_leaves_them_and_one_with_more_adds_to_them()
    {
        await Store.UpsertSourcesAsync([Source("coalition", primary: true), Source("a"), Source("b")], Ct);
        var (first, story) = await Store.SaveItemAsync(Item("a", "first", T0),
            NewStory(Topic("politics", 0.9, "بيان", "ائتلاف"), new TagRecord("watch", "people", "هادي البحرة", ["البحرة"], 1)), Ct);
        // Tags the story holds already (fewer words, a lower score): the story's tags stay; the representative moves.
        var (primary, _) = await Store.SaveItemAsync(Item("coalition", "second", T0.AddHours(1)), Join(story, first, Topic("politics", 0.5, "بيان")), Ct);
        var unchanged = (await Store.GetStoryAsync(story, Ct))!;
        Assert.Equal(primary, unchanged.RepresentativeItemId);
        Assert.Equal(["people", "politics"], unchanged.Tags.Select(t => t.Name).Order());
        var politics = Assert.Single(unchanged.Tags, t => t.Name == "politics");
        Assert.Equal(["بيان", "ائتلاف"], politics.Matched);
        Assert.Equal(0.9, politics.Score);

        // A new word, a higher score, a new tag: merged in.
        await Store.SaveItemAsync(Item("b", "third", T0.AddHours(2)),
            Join(story, first, Topic("politics", 0.95, "بيان", "إدلب"), Topic("refugees", 0.4, "اللاجئين")), Ct);
        var merged = (await Store.GetStoryAsync(story, Ct))!;
        Assert.Equal(primary, merged.RepresentativeItemId);
        Assert.Equal(["people", "politics", "refugees"], merged.Tags.Select(t => t.Name).Order());
        politics = Assert.Single(merged.Tags, t => t.Name == "politics");
        Assert.Equal(["بيان", "ائتلاف", "إدلب"], politics.Matched);
        Assert.Equal(0.95, politics.Score);
    }

    [Fact]
    public async Task Each_new_story_of_a_batch_is_represented_by_its_own_first_item()
    {
        await Store.UpsertSourcesAsync([Source("a"), Source("b")], Ct);
        var (before, _) = await Store.SaveItemAsync(Item("a", "before", T0), NewStory(), Ct);
        var saved = await ((IItemBatchStore)Store).SaveItemsAsync(
        [
            (Item("a", "one", T0.AddMinutes(1)), NewStory()),
            (Item("b", "two", T0.AddMinutes(2)), NewStory()),
            (Item("b", "joins one", T0.AddMinutes(3)), NewStory() with { JoinsBatchItem = 0, Similarity = 0.9, MatchKind = "near-duplicate" }),
            (Item("a", "three", T0.AddMinutes(4)), NewStory()),
        ], Ct);

        Assert.Equal(5, saved.Select(s => s.ItemId).Append(before).Distinct().Count());
        foreach (var k in new[] { 1, 3 })
            Assert.Equal(saved[k].ItemId, (await Store.GetStoryAsync(saved[k].StoryId, Ct))!.RepresentativeItemId);
        var joined = (await Store.GetStoryAsync(saved[0].StoryId, Ct))!;
        Assert.Equal(saved[0].StoryId, saved[2].StoryId);
        Assert.Equal([saved[0].ItemId, saved[2].ItemId], joined.Items.Select(i => i.ItemId));
        Assert.Equal(saved[0].ItemId, joined.RepresentativeItemId); // the earliest of the two, no primary publisher
    }

    [Fact]
    public async Task Without_a_primary_publisher_the_earliest_item_represents_the_story()
    {
        await Store.UpsertSourcesAsync([Source("a"), Source("b")], Ct);
        var (late, story) = await Store.SaveItemAsync(Item("a", "late", T0), NewStory(), Ct);
        var (early, _) = await Store.SaveItemAsync(Item("b", "early", T0.AddHours(-2)), Join(story, late), Ct);

        var s = (await Store.GetStoryAsync(story, Ct))!;
        Assert.Equal(early, s.RepresentativeItemId);
        Assert.Equal(T0.AddHours(-2), s.FirstSeen);
    }

    [Fact]
    public async Task Updating_an_item_replaces_its_text_bands_and_tags()
    {
        var (a, story) = await Store.SaveItemAsync(Item("a", "a", T0, bands: [1]), NewStory(Topic("old", 1, "x")), Ct);
        await Store.SaveItemAsync(Item("b", "b", T0), Join(story, a, Topic("kept", 1, "y")), Ct);

        await Store.UpdateItemAsync(a, Item("a", "a edited", T0, bands: [2]) with { Text = "edited text" }, [Topic("new", 0.7, "z")], Ct);

        var s = (await Store.GetStoryAsync(story, Ct))!;
        Assert.Equal("a edited", s.Items.Single(i => i.ItemId == a).Title);
        Assert.Equal("edited text", s.Items.Single(i => i.ItemId == a).Text);
        Assert.Equal(["kept", "new"], s.Tags.Select(t => t.Name).Order());
        Assert.Empty(await Store.FindCandidatesAsync([1], T0.AddDays(-1), Ct));
        Assert.Equal([a], (await Store.FindCandidatesAsync([2], T0.AddDays(-1), Ct)).Select(c => c.ItemId));
    }

    [Fact]
    public async Task Replacing_story_tags_drops_the_old_ones()
    {
        var (_, story) = await Store.SaveItemAsync(Item("a", "a", T0), NewStory(Topic("old", 1, "x")), Ct);

        await Store.ReplaceStoryTagsAsync(story, [Topic("fresh", 0.4, "q")], Ct);

        Assert.Equal(["fresh"], (await Store.GetStoryAsync(story, Ct))!.Tags.Select(t => t.Name));
    }

    [Fact]
    public async Task Stories_are_listed_newest_first_within_since_and_limit()
    {
        var (_, s1) = await Store.SaveItemAsync(Item("a", "1", T0), NewStory(), Ct);
        var (_, s2) = await Store.SaveItemAsync(Item("a", "2", T0.AddHours(1)), NewStory(), Ct);
        var (_, s3) = await Store.SaveItemAsync(Item("a", "3", T0.AddHours(2)), NewStory(), Ct);

        Assert.Equal([s3, s2, s1], (await Store.ListStoriesAsync(null, 10, Ct)).Select(s => s.Id));
        Assert.Equal([s3, s2], (await Store.ListStoriesAsync(T0.AddHours(1).AddMinutes(5), 10, Ct)).Select(s => s.Id));
        Assert.Equal([s3], (await Store.ListStoriesAsync(null, 1, Ct)).Select(s => s.Id));
        Assert.Null(await Store.GetStoryAsync(12345, Ct));
    }

    [Fact]
    public async Task Joining_a_missing_story_fails_and_stores_nothing()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.SaveItemAsync(Item("a", "x", T0, bands: [5]), Join(999, 1), Ct));

        Assert.Equal(0, await Store.CountItemsAsync(Ct));
        Assert.Empty(await Store.FindCandidatesAsync([5], T0.AddDays(-1), Ct));
    }

    [Fact]
    public async Task A_batch_saves_items_in_order_and_is_all_or_nothing()
    {
        var batch = (IItemBatchStore)Store;
        var (first, story) = await Store.SaveItemAsync(Item("a", "first", T0, bands: [1]), NewStory(), Ct);

        var saved = await batch.SaveItemsAsync(
            [(Item("b", "joins", T0.AddHours(1), bands: [1]), Join(story, first)), (Item("c", "alone", T0.AddHours(2), bands: [2]), NewStory())], Ct);

        Assert.Equal(story, saved[0].StoryId);
        Assert.NotEqual(story, saved[1].StoryId);
        Assert.Equal(2, (await Store.GetStoryAsync(story, Ct))!.Items.Count);
        Assert.Equal([saved[0].ItemId, first], (await Store.FindCandidatesAsync([1], T0.AddDays(-1), Ct)).Select(c => c.ItemId));

        await Assert.ThrowsAsync<InvalidOperationException>(() => batch.SaveItemsAsync(
            [(Item("d", "ok", T0, bands: [3]), NewStory()), (Item("d", "bad", T0), Join(4242, first))], Ct));
        Assert.Equal(3, await Store.CountItemsAsync(Ct));
        Assert.Empty(await Store.FindCandidatesAsync([3], T0.AddDays(-1), Ct));
    }

    [Fact]
    public async Task A_batch_item_joins_the_story_of_an_earlier_item_of_the_same_batch()
    {
        var batch = (IItemBatchStore)Store;

        var saved = await batch.SaveItemsAsync(
        [
            (Item("a", "original", T0, bands: [1]), NewStory()),
            (Item("b", "alone", T0.AddMinutes(1), bands: [2]), NewStory()),
            (Item("c", "republished", T0.AddMinutes(2), bands: [1]), new StoryAssignment { JoinsBatchItem = 0, Similarity = 0.8, MatchKind = "near-duplicate" }),
        ], Ct);

        Assert.Equal(saved[0].StoryId, saved[2].StoryId);
        Assert.NotEqual(saved[0].StoryId, saved[1].StoryId);
        var story = (await Store.GetStoryAsync(saved[0].StoryId, Ct))!;
        var joined = story.Items.Single(i => i.ItemId == saved[2].ItemId);
        Assert.Equal((saved[0].ItemId, 0.8, "near-duplicate"), (joined.MatchedItemId!.Value, joined.Similarity, joined.MatchKind));
    }

    [Fact]
    public async Task A_batch_reference_to_a_later_item_is_refused_and_nothing_is_saved()
    {
        var batch = (IItemBatchStore)Store;

        await Assert.ThrowsAsync<ArgumentException>(() => batch.SaveItemsAsync(
            [(Item("a", "first", T0), new StoryAssignment { JoinsBatchItem = 1 }), (Item("b", "second", T0), NewStory())], Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SaveItemAsync(Item("a", "single", T0), new StoryAssignment { JoinsBatchItem = 0 }, Ct));

        Assert.Equal(0, await Store.CountItemsAsync(Ct));
    }

    [Fact]
    public async Task Candidate_signatures_are_the_candidates_without_their_texts_which_are_read_by_id()
    {
        var (older, _) = await Store.SaveItemAsync(Item("a", "older", T0, bands: [1, 2]), NewStory(), Ct);
        var (newer, _) = await Store.SaveItemAsync(Item("b", "newer", T0.AddHours(1), bands: [2]), NewStory(), Ct);
        await Store.SaveItemAsync(Item("c", "elsewhere", T0, bands: [3]), NewStory(), Ct);

        var full = await Store.FindCandidatesAsync([1, 2], T0.AddDays(-1), Ct);
        var slim = await Store.FindCandidateSignaturesAsync([1, 2], T0.AddDays(-1), Ct);

        Assert.Equal([newer, older], slim.Select(c => c.ItemId));
        Assert.Equal(full.Select(c => (c.ItemId, c.StoryId, c.SourceId, c.ContentHash, c.ShingleCount, c.Published)),
            slim.Select(c => (c.ItemId, c.StoryId, c.SourceId, c.ContentHash, c.ShingleCount, c.Published)));
        Assert.Equal(full[0].Signature, slim[0].Signature);
        Assert.All(slim, c => Assert.Equal(("", ""), (c.Title, c.Text)));

        var texts = await Store.GetItemTextsAsync([older, newer, 999_999], Ct);
        Assert.Equal(2, texts.Count);
        Assert.Equal(("older", "نص older"), texts[older]);
        Assert.Empty(await Store.GetItemTextsAsync([], Ct));
    }

    [Fact]
    public async Task The_candidate_cap_keeps_the_newest_and_extra_widens_it()
    {
        // Ingest asks for more when rows of its own unsaved items took places under the cap (ItemIngestor).
        var items = Enumerable.Range(0, IItemStore.CandidateCap + 5)
            .Select(n => (Item("a", "item " + n, T0.AddMinutes(n), bands: [7]), NewStory())).ToList();
        var saved = await ((IItemBatchStore)Store).SaveItemsAsync(items, Ct);
        var newestFirst = saved.Select(s => s.ItemId).Reverse().ToList();

        var capped = await Store.FindCandidateSignaturesAsync([7], T0.AddDays(-1), Ct);
        var widened = await Store.FindCandidateSignaturesAsync([7], T0.AddDays(-1), Ct, extra: 3);

        Assert.Equal(newestFirst.Take(IItemStore.CandidateCap), capped.Select(c => c.ItemId));
        Assert.Equal(newestFirst.Take(IItemStore.CandidateCap + 3), widened.Select(c => c.ItemId));
    }
}
