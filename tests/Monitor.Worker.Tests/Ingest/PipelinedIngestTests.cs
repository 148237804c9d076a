using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Core.Feeds;
using Monitor.Worker.Configuration;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;

using static Monitor.Worker.Tests.Ingest.StatementTexts;

namespace Monitor.Worker.Tests.Ingest;

/// <summary>
/// On SQLite one poll's entries are judged while the poll before it is still being saved. The risks: a republication
/// judged against a store that does not yet hold the statement (a second story for one statement), the same item seen
/// twice when its save commits during a lookup (once stored, once unsaved: its story counted twice by the judge), an
/// exact repeat stored twice, and a failed save leaving the next poll joined to a story that does not exist.
/// Saves are held at set points by <see cref="HeldSaves"/>, so each interleaving is reached on purpose, not by timing.
/// </summary>
public sealed class PipelinedIngestTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "monitor-pipeline-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly SourceRecord _coalition = new() { Id = "coalition", Name = "الائتلاف", Url = "https://coalition.example/feed" };
    private readonly SourceRecord _news = new() { Id = "news", Name = "News", Url = "https://news.example/feed" };
    private IMonitorStore _store = null!;
    private HeldSaves _saves = null!;
    private ItemIngestor _ingestor = null!;

    public async Task InitializeAsync()
    {
        _store = StoreFactory.Create(new StorageOptions { Provider = "sqlite" },
            new MonitorPaths(Path.Combine(_folder, "appsettings.json"), Path.Combine(_folder, "data")), TimeProvider.System, TimeSpan.FromSeconds(5));
        await _store.MigrateAsync(None);
        await _store.UpsertSourcesAsync([_coalition, _news], None);
        _saves = new HeldSaves((IItemBatchStore)_store);
        _ingestor = new ItemIngestor(_store, _saves, new TaggingRulesProvider(new ConfigurationBuilder().Build(), NullLogger<TaggingRulesProvider>.Instance),
            Options.Create(Settings));
    }

    /// <summary>A shingle of candidates of two distinct stories counts as boilerplate: an item offered twice (stored and
    /// unsaved, under two story ids) would lose every shingle to it and match nothing.</summary>
    private static MonitorOptions Settings => new()
    {
        Storage = new StorageOptions { Provider = "sqlite" }, Dedup = new Monitor.Core.Dedup.DedupOptions { BoilerplateStories = 2 },
    };

    public async Task DisposeAsync()
    {
        _saves.ReleaseAll();
        if (_store is IAsyncDisposable d) await d.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(false)] // the statements' save has not committed while the republications are judged
    [InlineData(true)]  // it has committed (the rows are in the store) but the save has not yet returned
    public async Task Republications_judged_while_the_statements_are_being_saved_join_their_stories(bool committed)
    {
        var hold = committed ? _saves.HoldAfterCommit() : _saves.HoldBeforeCommit();
        var statements = Ingest(_coalition, Entry(1, "بيان حول قصف إدلب", Statement), Entry(2, "عودة اللاجئين", OtherStatement));
        await DecidedAsync();
        if (committed) await hold.Reached;
        Assert.False(statements.IsCompleted);

        var republications = Ingest(_news, Entry(3, "الائتلاف يدين القصف", Republished(Statement)),
            Entry(4, "ترحيب بعودة اللاجئين", Republished(OtherStatement)));
        await DecidedAsync();
        Assert.False(statements.IsCompleted);
        Assert.False(republications.IsCompleted);
        hold.Release();

        Assert.Equal([IngestOutcome.NewStory, IngestOutcome.NewStory], (await statements).Select(r => r.Outcome));
        Assert.Equal([IngestOutcome.JoinedStory, IngestOutcome.JoinedStory], (await republications).Select(r => r.Outcome));
        var stories = await _store.ListStoriesAsync(null, 10, None);
        Assert.Equal(2, stories.Count);
        foreach (var story in stories)
        {
            Assert.Equal(2, story.Items.Count);
            var first = Assert.Single(story.Items, i => i.SourceId == _coalition.Id);
            var second = Assert.Single(story.Items, i => i.SourceId == _news.Id);
            Assert.Equal(first.ItemId, second.MatchedItemId);
            Assert.Equal("near-duplicate", second.MatchKind);
        }
    }

    [Fact]
    public async Task An_exact_repeat_of_an_unsaved_item_waits_for_its_save_and_is_stored_once()
    {
        var hold = _saves.HoldBeforeCommit();
        var statement = Ingest(_coalition, Entry(1, "بيان حول قصف إدلب", Statement));
        await DecidedAsync();

        var repeat = Ingest(_news, Entry(2, "بيان حول قصف إدلب", Statement));
        await Task.Yield();
        Assert.False(repeat.IsCompleted); // it cannot be judged before the statement is in the store
        hold.Release();

        Assert.Equal(IngestOutcome.NewStory, Assert.Single(await statement).Outcome);
        Assert.Equal(IngestOutcome.Duplicate, Assert.Single(await repeat).Outcome);
        Assert.Equal(1, await _store.CountItemsAsync(None));
    }

    [Fact]
    public async Task A_poll_whose_saves_are_done_leaves_nothing_in_the_unsaved_list()
    {
        var saved = await Ingest(_coalition, Entry(1, "بيان حول قصف إدلب", Statement), Entry(2, "عودة اللاجئين", OtherStatement));
        Assert.All(saved, r => Assert.Null(r.Error));
        Assert.Equal(0, _ingestor.UnsavedCount); // not held until the next poll decides

        // A poll still being saved keeps its item listed: later decisions must see it.
        var hold = _saves.HoldBeforeCommit();
        var pending = Ingest(_news, Entry(3, "الائتلاف يدين القصف", Republished(Statement)));
        await DecidedAsync();
        Assert.Equal(1, _ingestor.UnsavedCount);
        hold.Release();
        Assert.Equal(IngestOutcome.JoinedStory, Assert.Single(await pending).Outcome);
        Assert.Equal(0, _ingestor.UnsavedCount);
    }

    [Fact]
    public async Task When_the_statement_cannot_be_saved_its_republication_starts_a_story_of_its_own()
    {
        var hold = _saves.HoldBeforeCommit(fail: _coalition.Id);
        var statement = Ingest(_coalition, Entry(1, "بيان حول قصف إدلب", Statement));
        await DecidedAsync();
        var republication = Ingest(_news, Entry(2, "الائتلاف يدين القصف", Republished(Statement)));
        await DecidedAsync();
        hold.Release();

        var failed = Assert.Single(await statement);
        Assert.Equal(IngestOutcome.Empty, failed.Outcome);
        Assert.IsType<InvalidOperationException>(failed.Error);
        var saved = Assert.Single(await republication);
        Assert.Null(saved.Error);
        Assert.Equal(IngestOutcome.NewStory, saved.Outcome);
        var story = Assert.Single(await _store.ListStoriesAsync(null, 10, None));
        var item = Assert.Single(story.Items);
        Assert.Equal(_news.Id, item.SourceId);
        Assert.Null(item.MatchedItemId);
    }

    [Fact]
    public async Task Polls_ingested_at_once_group_stories_as_polls_ingested_one_after_another()
    {
        // Twelve polls of two sources: statements, their republications, repeats, each poll's companions arriving in
        // the polls just after it. All started at once: they queue for their decisions in the order started (the
        // gate serves waiters in order), and each decides while the polls before it are still being saved. Then the
        // same entries one at a time, in the same order, into a second store.
        var polls = Enumerable.Range(0, 12).Select(p => (Source: p % 2 == 0 ? _coalition : _news, Entries: PollEntries(p))).ToList();
        _saves.ReleaseAll();
        var outcomes = await Task.WhenAll(polls.Select(p => _ingestor.IngestBatchAsync(p.Source, p.Entries, true, T0.AddHours(1), None)).ToList());
        Assert.All(outcomes.SelectMany(o => o), r => Assert.Null(r.Error));

        var sequentialFolder = Path.Combine(_folder, "sequential");
        var sequential = StoreFactory.Create(new StorageOptions { Provider = "sqlite" },
            new MonitorPaths(Path.Combine(sequentialFolder, "appsettings.json"), Path.Combine(sequentialFolder, "data")), TimeProvider.System,
            TimeSpan.FromSeconds(5));
        try
        {
            await sequential.MigrateAsync(None);
            await sequential.UpsertSourcesAsync([_coalition, _news], None);
            var oneAtATime = new ItemIngestor(sequential, (IItemBatchStore)sequential,
                new TaggingRulesProvider(new ConfigurationBuilder().Build(), NullLogger<TaggingRulesProvider>.Instance), Options.Create(Settings));
            foreach (var entry in polls.SelectMany(p => p.Entries.Select(e => (p.Source, Entry: e))).OrderBy(e => e.Entry.Published))
                await oneAtATime.IngestAsync(entry.Source, entry.Entry, true, T0.AddHours(1), None);
            Assert.Equal(await StoryShapesAsync(sequential), await StoryShapesAsync(_store));
            Assert.Equal(await sequential.CountItemsAsync(None), await _store.CountItemsAsync(None));
        }
        finally
        {
            await ((IAsyncDisposable)sequential).DisposeAsync();
        }
    }

    /// <summary>Poll p: the statement of p (the seed texts, varied by a closing sentence), the republication of p − 1's,
    /// and every third poll a repeat of p − 2's statement.</summary>
    private static FeedEntry[] PollEntries(int p)
    {
        var entries = new List<FeedEntry> { Entry(100 * p + 1, "بيان " + p, Variant(p)) };
        if (p >= 1) entries.Add(Entry(100 * p + 2, "نقلا عن الائتلاف " + (p - 1), Republished(Variant(p - 1))));
        if (p >= 2 && p % 3 == 0) entries.Add(Entry(100 * p + 3, "بيان " + (p - 2), Variant(p - 2)));
        return [.. entries];
    }

    /// <summary>One of the two seed statements with a closing sentence repeated: texts of polls six apart share the
    /// closing and differ in its count, so they are near duplicates of each other, not copies.</summary>
    private static string Variant(int p) => (p % 2 == 0 ? Statement : OtherStatement) + "\n" +
        string.Join(' ', Enumerable.Repeat(Closings[p % Closings.Length], 6 + 3 * (p / Closings.Length)));

    private static readonly string[] Closings =
    [
        "وطالب الائتلاف مجلس الأمن بعقد جلسة طارئة لبحث الانتهاكات في الشمال.",
        "ودعا الائتلاف المنظمات الإنسانية إلى إرسال قوافل الإغاثة دون تأخير.",
        "وأكد الائتلاف أن المحاسبة شرط لأي حل سياسي قادم في سوريا.",
        "وحذر الائتلاف من موجة نزوح جديدة إذا استمر التصعيد العسكري.",
        "وشدد الائتلاف على ضرورة الإفراج عن المعتقلين في سجون النظام.",
        "وأشار الائتلاف إلى أن الهيئة السياسية ستعقد اجتماعها الدوري الأسبوع المقبل.",
    ];

    private Task<IReadOnlyList<EntryResult>> Ingest(SourceRecord source, params FeedEntry[] entries) =>
        _ingestor.IngestBatchAsync(source, entries, trustGuids: true, T0.AddHours(1), None);

    /// <summary>Returns once every poll started before has finished deciding: a poll of no entries takes its turn after them.</summary>
    private Task DecidedAsync() => _ingestor.IngestBatchAsync(_news, [], trustGuids: true, T0, None);

    private static FeedEntry Entry(int n, string title, string text) => new()
    {
        Id = "urn:entry:" + n, Link = "https://news.example/" + n, Title = title, Text = text, Published = T0.AddMinutes(n),
    };

    /// <summary>Each story as the sorted guids of its items, with the guid each matched: comparable across two stores.</summary>
    private static async Task<List<string>> StoryShapesAsync(IMonitorStore store)
    {
        var stories = await store.ListStoriesAsync(null, 1000, None);
        var guids = stories.SelectMany(s => s.Items).ToDictionary(i => i.ItemId, i => i.Guid);
        return stories.Select(s => string.Join(",", s.Items.Select(i => i.Guid + "<" + (i.MatchedItemId is { } m ? guids[m] : "")).Order()))
            .Order().ToList();
    }

    /// <summary>The real batch store, with the first save held before it starts or after it committed, and optionally
    /// failing every save of one source's items.</summary>
    private sealed class HeldSaves(IItemBatchStore inner) : IItemBatchStore
    {
        private Hold? _hold;
        private string? _failing;

        public Hold HoldBeforeCommit(string? fail = null) => Set(new Hold(afterCommit: false), fail);
        public Hold HoldAfterCommit() => Set(new Hold(afterCommit: true), null);
        public void ReleaseAll() => _hold?.Release();

        private Hold Set(Hold hold, string? fail)
        {
            _hold = hold;
            _failing = fail;
            return hold;
        }

        public async Task<IReadOnlyList<(long ItemId, long StoryId)>> SaveItemsAsync(IReadOnlyList<(NewItem Item, StoryAssignment Assignment)> items,
            CancellationToken ct, Action<int, long>? inserted = null)
        {
            var hold = Interlocked.Exchange(ref _hold, null);
            if (hold is { AfterCommit: false }) await hold.WaitAsync();
            if (items.Any(i => i.Item.SourceId == _failing)) throw new InvalidOperationException("disk says no");
            var saved = await inner.SaveItemsAsync(items, ct, inserted);
            if (hold is { AfterCommit: true }) await hold.WaitAsync();
            return saved;
        }
    }

    private sealed class Hold(bool afterCommit)
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool AfterCommit { get; } = afterCommit;
        /// <summary>Completes when the held save reached its hold point.</summary>
        public Task Reached => _reached.Task;
        public void Release() => _released.TrySetResult();

        public Task WaitAsync()
        {
            _reached.TrySetResult();
            return _released.Task;
        }
    }
}
