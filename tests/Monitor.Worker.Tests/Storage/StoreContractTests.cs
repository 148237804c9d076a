using Monitor.Worker.Storage;
using static Monitor.Worker.Tests.Storage.StoreTestData;

namespace Monitor.Worker.Tests.Storage;

/// <summary>
/// The store contract, run against every provider (a subclass per provider supplies a fresh database). Guards the
/// risks that matter downstream: fetch state lost by a config reload, duplicates stored twice, candidates missed or
/// leaking from outside the window, stories with the wrong representative, a digest composed or sent twice.
/// Split in parts: this file (schema, sources, exact duplicates, candidates), .Stories and .Delivery.
/// </summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    private IMonitorStore? _store;
    protected IMonitorStore Store => _store ?? throw new InvalidOperationException("Store not created.");

    /// <summary>A store over a fresh, empty database. Called once per test; may be called again for the same database.</summary>
    protected abstract Task<IMonitorStore> OpenStoreAsync();
    protected virtual Task CleanupAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _store = await OpenStoreAsync();
        await Store.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable d) await d.DisposeAsync();
        await CleanupAsync();
    }

    /// <summary>Closes the store and opens a new one on the same database: what a restarted process sees.</summary>
    protected async Task ReopenAsync()
    {
        if (_store is IAsyncDisposable d) await d.DisposeAsync();
        _store = await OpenStoreAsync();
    }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Migrating_twice_and_reopening_keeps_the_data()
    {
        await Store.UpsertSourcesAsync([Source("a")], Ct);
        await Store.SaveItemAsync(Item("a", "one", T0), NewStory(), Ct);
        await Store.MigrateAsync(Ct);
        await ReopenAsync();
        await Store.MigrateAsync(Ct);

        Assert.True(await Store.PingAsync(Ct));
        Assert.Equal(1, await Store.CountItemsAsync(Ct));
        Assert.Equal("Source a", (await Store.GetSourceAsync("a", Ct))!.Name);
    }

    [Fact]
    public async Task Upserting_sources_updates_definition_and_keeps_fetch_state()
    {
        await Store.UpsertSourcesAsync([Source("a"), Source("b")], Ct);
        await Store.RecordFetchAsync("a", new FetchRecord
        {
            At = T0, Success = true, ETag = "\"v1\"", LastModified = "Mon, 01 Jan 2024 00:00:00 GMT", NewItems = 3,
            NextPollAt = T0.AddMinutes(15), IdentityMode = "link",
        }, Ct);

        await Store.UpsertSourcesAsync([Source("a") with { Name = "Renamed", Interval = TimeSpan.FromMinutes(5), Primary = true }], Ct);

        var a = (await Store.GetSourceAsync("a", Ct))!;
        Assert.Equal("Renamed", a.Name);
        Assert.Equal(TimeSpan.FromMinutes(5), a.Interval);
        Assert.True(a.Primary);
        Assert.Equal("\"v1\"", a.ETag);
        Assert.Equal("Mon, 01 Jan 2024 00:00:00 GMT", a.LastModified);
        Assert.Equal(T0, a.LastSuccessAt);
        Assert.Equal(T0, a.LastNewItemAt);
        Assert.Equal(T0.AddMinutes(15), a.NextPollAt);
        Assert.Equal("link", a.IdentityMode);
        Assert.Equal(["a", "b"], (await Store.ListSourcesAsync(Ct)).Select(s => s.Id));
    }

    [Fact]
    public async Task The_per_source_SSRF_guard_flag_is_stored_and_follows_the_latest_definition()
    {
        await Store.UpsertSourcesAsync([Source("web") with { BlockPrivateAddresses = true }, Source("file")], Ct);
        Assert.True((await Store.GetSourceAsync("web", Ct))!.BlockPrivateAddresses);
        Assert.False((await Store.GetSourceAsync("file", Ct))!.BlockPrivateAddresses);

        await Store.RecordFetchAsync("web", new FetchRecord { At = T0, Success = false, Error = "blocked" }, Ct);
        Assert.True((await Store.GetSourceAsync("web", Ct))!.BlockPrivateAddresses);
        await Store.UpsertSourcesAsync([Source("web")], Ct);
        Assert.False((await Store.GetSourceAsync("web", Ct))!.BlockPrivateAddresses);
    }

    [Fact]
    public async Task Failures_are_counted_with_the_error_and_success_clears_them()
    {
        await Store.UpsertSourcesAsync([Source("a")], Ct);
        await Store.RecordFetchAsync("a", new FetchRecord { At = T0, Success = true, ETag = "e1" }, Ct);
        await Store.RecordFetchAsync("a", new FetchRecord { At = T0.AddMinutes(1), Success = false, Error = "timeout" }, Ct);
        await Store.RecordFetchAsync("a", new FetchRecord { At = T0.AddMinutes(2), Success = false, Error = "HTTP 503" }, Ct);

        var failing = (await Store.GetSourceAsync("a", Ct))!;
        Assert.Equal(2, failing.ConsecutiveFailures);
        Assert.Equal("HTTP 503", failing.LastError);
        Assert.Equal(T0.AddMinutes(2), failing.LastAttemptAt);
        Assert.Equal(T0, failing.LastSuccessAt);
        Assert.Equal("e1", failing.ETag);

        await Store.RecordFetchAsync("a", new FetchRecord { At = T0.AddMinutes(3), Success = true }, Ct);
        var healed = (await Store.GetSourceAsync("a", Ct))!;
        Assert.Equal(0, healed.ConsecutiveFailures);
        Assert.Null(healed.LastError);

        var log = await ((IStoreMaintenance)Store).GetFetchLogAsync("a", 10, Ct);
        Assert.Equal([true, false, false, true], log.Select(l => l.Success));
        Assert.Equal("timeout", log[2].Error);
    }

    [Fact]
    public async Task Arrivals_are_each_sources_successful_polls_with_new_entries_among_its_last_polls_newest_first()
    {
        await Store.UpsertSourcesAsync([Source("a"), Source("b"), Source("c")], Ct);
        var polls = new (string Source, int Minute, bool Success, int New)[]
        {
            ("a", 0, true, 2), ("b", 1, true, 1), ("a", 2, false, 0), ("a", 3, true, 0), ("b", 4, true, 0), ("a", 5, true, 1),
        };
        foreach (var (source, minute, success, added) in polls)
            await Store.RecordFetchAsync(source, new FetchRecord
            {
                At = T0.AddMinutes(minute), Success = success, NewItems = added, Error = success ? null : "HTTP 503",
            }, Ct);
        var maintenance = (IStoreMaintenance)Store;

        var all = await maintenance.GetArrivalsAsync(["a", "b", "c"], 100, Ct);
        Assert.Equal([T0.AddMinutes(5), T0], all["a"]);
        Assert.Equal([T0.AddMinutes(1)], all["b"]);
        Assert.Empty(all["c"]);

        // Only the last N polls of each source count: a's last three are minutes 5, 3 and 2; b's last one is minute 4.
        Assert.Equal([T0.AddMinutes(5)], (await maintenance.GetArrivalsAsync(["a"], 3, Ct))["a"]);
        Assert.Empty((await maintenance.GetArrivalsAsync(["b"], 1, Ct))["b"]);
        // The same answer as reading each source's log and filtering it.
        var log = await maintenance.GetFetchLogAsync("a", 3, Ct);
        Assert.Equal(log.Where(e => e.Success && e.NewItems > 0).Select(e => e.At), (await maintenance.GetArrivalsAsync(["a"], 3, Ct))["a"]);
    }

    [Fact]
    public async Task A_permanent_redirect_moves_the_url_until_the_configured_url_changes()
    {
        await Store.UpsertSourcesAsync([Source("a", url: "http://old.example.org/rss")], Ct);
        await Store.RecordFetchAsync("a", new FetchRecord { At = T0, Success = true, NewUrl = "https://new.example.org/rss" }, Ct);

        await Store.UpsertSourcesAsync([Source("a", url: "http://old.example.org/rss")], Ct);
        Assert.Equal("https://new.example.org/rss", (await Store.GetSourceAsync("a", Ct))!.Url);

        await Store.UpsertSourcesAsync([Source("a", url: "https://edited.example.org/rss")], Ct);
        Assert.Equal("https://edited.example.org/rss", (await Store.GetSourceAsync("a", Ct))!.Url);
    }

    [Fact]
    public async Task Fetch_of_an_unknown_source_is_ignored_and_removal_reports_what_happened()
    {
        await Store.RecordFetchAsync("ghost", new FetchRecord { At = T0, Success = false, Error = "x" }, Ct);
        Assert.Null(await Store.GetSourceAsync("ghost", Ct));

        await Store.UpsertSourcesAsync([Source("a")], Ct);
        await Store.RecordFetchAsync("a", new FetchRecord { At = T0, Success = true }, Ct);
        Assert.True(await Store.RemoveSourceAsync("a", Ct));
        Assert.False(await Store.RemoveSourceAsync("a", Ct));
        Assert.Empty(await Store.ListSourcesAsync(Ct));
    }

    [Fact]
    public async Task Exact_duplicates_are_found_by_guid_then_link_then_content_hash()
    {
        await Store.UpsertSourcesAsync([Source("a"), Source("b")], Ct);
        var (byHash, _) = await Store.SaveItemAsync(Item("b", "h", T0, hash: "H"), NewStory(), Ct);
        var (byLink, _) = await Store.SaveItemAsync(Item("b", "l", T0, link: "https://x.org/1"), NewStory(), Ct);
        var (byGuid, story) = await Store.SaveItemAsync(Item("a", "g", T0, guid: "G1"), NewStory(), Ct);

        var guidHit = await Store.FindExactAsync("a", "G1", "https://x.org/1", "H", Ct);
        Assert.Equal(new ExistingItem(byGuid, story, "a", "G1", null, "hash-g", "g"), guidHit);
        Assert.Equal(byLink, (await Store.FindExactAsync("a", "unknown", "https://x.org/1", "H", Ct))!.ItemId);
        Assert.Equal(byLink, (await Store.FindExactAsync("a", null, "https://x.org/1", "H", Ct))!.ItemId);
        Assert.Equal(byHash, (await Store.FindExactAsync("a", null, null, "H", Ct))!.ItemId);
        // A guid is only an identity within its own source.
        Assert.Null(await Store.FindExactAsync("b", "G1", null, "nothing", Ct));
    }

    [Fact]
    public async Task Candidates_share_a_band_key_and_fall_inside_the_window()
    {
        var (recent, recentStory) = await Store.SaveItemAsync(Item("a", "recent", T0, bands: [10, 20, long.MaxValue]), NewStory(), Ct);
        await Store.SaveItemAsync(Item("a", "other-keys", T0, bands: [30]), NewStory(), Ct);
        await Store.SaveItemAsync(Item("a", "too-old", T0.AddDays(-10), bands: [10]), NewStory(), Ct);
        var (older, _) = await Store.SaveItemAsync(Item("a", "older", T0.AddHours(-1), bands: [-5, 20]), NewStory(), Ct);

        var found = await Store.FindCandidatesAsync([10, 20, -5, long.MaxValue, 99], T0.AddDays(-3), Ct);

        Assert.Equal([recent, older], found.Select(c => c.ItemId));
        var first = found[0];
        Assert.Equal(recentStory, first.StoryId);
        Assert.Equal("a", first.SourceId);
        Assert.Equal("recent", first.Title);
        Assert.Equal("نص recent", first.Text);
        Assert.Equal("hash-recent", first.ContentHash);
        Assert.Equal([1u, 0xFFFF_FFFFu, 42u], first.Signature);
        Assert.Equal(3, first.ShingleCount);
        Assert.Equal(T0, first.Published);
        Assert.Empty(await Store.FindCandidatesAsync([], T0.AddDays(-3), Ct));
    }

    [Fact]
    public async Task Candidates_are_capped_to_the_most_recent()
    {
        for (var i = 0; i < 205; i++)
            await Store.SaveItemAsync(Item("a", "n" + i, T0.AddMinutes(i), bands: [7]), NewStory(), Ct);

        var found = await Store.FindCandidatesAsync([7], T0.AddDays(-1), Ct);

        Assert.Equal(200, found.Count);
        Assert.Equal("n204", found[0].Title);
        Assert.Equal("n5", found[^1].Title);
    }

    [Fact]
    public async Task Pruning_the_candidate_index_drops_old_keys_and_keeps_items()
    {
        await Store.SaveItemAsync(Item("a", "old", T0.AddDays(-40), bands: [1, 2]), NewStory(), Ct);
        await Store.SaveItemAsync(Item("a", "new", T0, bands: [1]), NewStory(), Ct);

        Assert.Equal(2, await ((IStoreMaintenance)Store).PruneCandidateIndexAsync(T0.AddDays(-30), Ct));

        Assert.Equal(["new"], (await Store.FindCandidatesAsync([1, 2], T0.AddDays(-100), Ct)).Select(c => c.Title));
        Assert.Equal(2, await Store.CountItemsAsync(Ct));
    }

    [Fact]
    public async Task Releasing_idle_memory_between_polls_keeps_every_item_and_the_next_poll_works()
    {
        await Store.SaveItemAsync(Item("a", "first", T0, bands: [1, 2]), NewStory(), Ct);
        Assert.Equal(["first"], (await Store.FindCandidatesAsync([1], T0.AddDays(-1), Ct)).Select(c => c.Title));

        ((IStoreMaintenance)Store).ReleaseIdleMemory();

        Assert.Equal(["first"], (await Store.FindCandidatesAsync([2], T0.AddDays(-1), Ct)).Select(c => c.Title));
        await Store.SaveItemAsync(Item("a", "second", T0.AddMinutes(5), bands: [2]), NewStory(), Ct);
        Assert.Equal(2, await Store.CountItemsAsync(Ct));
        Assert.Equal(["first", "second"], (await Store.FindCandidatesAsync([2], T0.AddDays(-1), Ct)).Select(c => c.Title).Order());
    }
}
