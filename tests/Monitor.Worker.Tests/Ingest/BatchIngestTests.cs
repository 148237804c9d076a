using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Core.Feeds;
using Monitor.Worker.Configuration;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;
using NSubstitute;

using static Monitor.Worker.Tests.Ingest.StatementTexts;

namespace Monitor.Worker.Tests.Ingest;

/// <summary>
/// A poll's new items are saved in one transaction. The risks: an entry repeated or republished within the same feed
/// no longer seeing the one before it (two copies stored, or two stories for one statement), results that differ
/// from saving one entry at a time, and one failing commit losing the whole poll.
/// </summary>
public sealed class BatchIngestTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "monitor-ingest-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly SourceRecord _source = new() { Id = "news", Name = "News", Url = "https://news.example/feed" };
    private IMonitorStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = OpenStore("a");
        await _store.MigrateAsync(CancellationToken.None);
        await _store.UpsertSourcesAsync([_source], CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable d) await d.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_republication_in_the_same_poll_joins_the_story_of_the_entry_before_it()
    {
        var results = await Ingestor(_store).IngestBatchAsync(_source,
            [Entry(1, "بيان حول قصف إدلب", Statement), Entry(2, "الائتلاف يدين القصف", Republished(Statement)), Entry(3, "عودة اللاجئين", OtherStatement)],
            trustGuids: true, T0.AddHours(1), CancellationToken.None);

        Assert.Equal([IngestOutcome.NewStory, IngestOutcome.JoinedStory, IngestOutcome.NewStory], results.Select(r => r.Outcome));
        Assert.All(results, r => Assert.Null(r.Error));
        var stories = await _store.ListStoriesAsync(null, 10, CancellationToken.None);
        Assert.Equal(2, stories.Count);
        var joined = Assert.Single(stories, s => s.Items.Count == 2);
        Assert.Equal(joined.Items[0].ItemId, joined.Items[1].MatchedItemId);
        Assert.Equal("near-duplicate", joined.Items[1].MatchKind);
    }

    [Fact]
    public async Task An_entry_repeated_in_the_same_poll_is_stored_once()
    {
        var results = await Ingestor(_store).IngestBatchAsync(_source,
            [Entry(1, "بيان حول قصف إدلب", Statement), Entry(1, "بيان حول قصف إدلب", Statement), Entry(9, "بيان حول قصف إدلب", Statement)],
            trustGuids: true, T0.AddHours(1), CancellationToken.None);

        Assert.Equal([IngestOutcome.NewStory, IngestOutcome.Duplicate, IngestOutcome.Duplicate], results.Select(r => r.Outcome));
        Assert.Equal(1, await _store.CountItemsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_poll_saved_in_one_batch_groups_stories_as_one_entry_at_a_time_does()
    {
        FeedEntry[] entries =
        [
            Entry(1, "بيان حول قصف إدلب", Statement), Entry(2, "عودة اللاجئين", OtherStatement),
            Entry(3, "الائتلاف يدين القصف", Republished(Statement)), Entry(4, "ترحيب بعودة اللاجئين", Republished(OtherStatement)),
            Entry(3, "الائتلاف يدين القصف", Republished(Statement + " وأضاف البيان أن الائتلاف سيتابع القضية.")),
            Entry(5, "بيان حول قصف إدلب", Statement),
        ];
        var batched = await Ingestor(_store).IngestBatchAsync(_source, entries, trustGuids: true, T0.AddHours(1), CancellationToken.None);

        var single = OpenStore("b");
        var oneByOne = new List<IngestOutcome>();
        try
        {
            await single.MigrateAsync(CancellationToken.None);
            await single.UpsertSourcesAsync([_source], CancellationToken.None);
            foreach (var entry in entries)
                oneByOne.Add(await Ingestor(single).IngestAsync(_source, entry, trustGuids: true, T0.AddHours(1), CancellationToken.None));

            Assert.Equal(oneByOne, batched.Select(r => r.Outcome));
            Assert.Equal(await StoryShapesAsync(single), await StoryShapesAsync(_store));
        }
        finally
        {
            await ((IAsyncDisposable)single).DisposeAsync();
        }
        Assert.Equal([IngestOutcome.NewStory, IngestOutcome.NewStory, IngestOutcome.JoinedStory, IngestOutcome.JoinedStory,
            IngestOutcome.Updated, IngestOutcome.Duplicate], oneByOne);
    }

    [Fact]
    public async Task When_the_batch_commit_fails_each_item_is_saved_on_its_own()
    {
        // A store whose transactions of several items fail; one item at a time goes through to the real store.
        var failing = Substitute.For<IItemBatchStore>();
        var batchesTried = 0;
        failing.SaveItemsAsync(default!, default, default).ReturnsForAnyArgs(call =>
        {
            var items = call.Arg<IReadOnlyList<(NewItem Item, StoryAssignment Assignment)>>();
            if (items.Count > 1)
            {
                batchesTried++;
                throw new InvalidOperationException("commit failed");
            }
            return ((IItemBatchStore)_store).SaveItemsAsync(items, call.Arg<CancellationToken>(), call.Arg<Action<int, long>?>());
        });
        var ingestor = new ItemIngestor(_store, failing, Tagging(), Options.Create(new MonitorOptions()));

        var results = await ingestor.IngestBatchAsync(_source,
            [Entry(1, "بيان حول قصف إدلب", Statement), Entry(2, "الائتلاف يدين القصف", Republished(Statement))],
            trustGuids: true, T0.AddHours(1), CancellationToken.None);

        Assert.Equal(1, batchesTried);
        Assert.Equal([IngestOutcome.NewStory, IngestOutcome.JoinedStory], results.Select(r => r.Outcome));
        var story = Assert.Single(await _store.ListStoriesAsync(null, 10, CancellationToken.None));
        Assert.Equal(2, story.Items.Count);
    }

    /// <summary>Each story as the sorted guids of its items: comparable across two stores.</summary>
    private static async Task<List<string>> StoryShapesAsync(IMonitorStore store) =>
        (await store.ListStoriesAsync(null, 100, CancellationToken.None))
            .Select(s => string.Join(",", s.Items.Select(i => i.Guid).Order()))
            .Order()
            .ToList();

    private static FeedEntry Entry(int n, string title, string text) => new()
    {
        Id = "urn:entry:" + n, Link = "https://news.example/" + n, Title = title, Text = text, Published = T0.AddMinutes(n),
    };

    private IMonitorStore OpenStore(string name) => StoreFactory.Create(new StorageOptions { Provider = "sqlite" },
        new MonitorPaths(Path.Combine(_folder, name, "appsettings.json"), Path.Combine(_folder, name, "data")),
        TimeProvider.System, TimeSpan.FromSeconds(5));

    private static ItemIngestor Ingestor(IMonitorStore store) =>
        new(store, (IItemBatchStore)store, Tagging(), Options.Create(new MonitorOptions()));

    private static TaggingRulesProvider Tagging() =>
        new(new ConfigurationBuilder().Build(), NullLogger<TaggingRulesProvider>.Instance);
}
