using Microsoft.Data.Sqlite;
using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;
using Monitor.Worker.Storage.Sql;
using static Monitor.Worker.Tests.Storage.StoreTestData;

namespace Monitor.Worker.Tests.Storage;

/// <summary>SQLite keeps the candidate index in memory, caught up from item_keys: what another process writes to the
/// same file must be found, edits must move an item's keys, and a database from before the change must keep its keys.</summary>
public sealed partial class SqliteStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private SqlMonitorStore OpenSecondStore() => (SqlMonitorStore)StoreFactory.Create(
        new StorageOptions { Provider = "sqlite" }, new MonitorPaths(Path.Combine(_folder, "appsettings.json"), Path.Combine(_folder, "data")),
        TimeProvider.System, TimeSpan.FromSeconds(1));

    [Fact]
    public async Task Items_saved_by_another_store_on_the_same_file_are_candidates_at_the_next_lookup()
    {
        var (mine, _) = await Store.SaveItemAsync(Item("a", "mine", T0, bands: [5]), NewStory(), None);
        Assert.Equal([mine], (await Store.FindCandidatesAsync([5], T0.AddDays(-1), None)).Select(c => c.ItemId));

        await using var other = OpenSecondStore();
        var (theirs, _) = await other.SaveItemAsync(Item("a", "theirs", T0.AddMinutes(1), bands: [5, 6]), NewStory(), None);
        var batch = await ((IItemBatchStore)other).SaveItemsAsync([(Item("b", "batch", T0.AddMinutes(2), bands: [6]), NewStory())], None);

        Assert.Equal([theirs, mine], (await Store.FindCandidatesAsync([5], T0.AddDays(-1), None)).Select(c => c.ItemId));
        Assert.Equal([batch[0].ItemId, theirs], (await Store.FindCandidateSignaturesAsync([6], T0.AddDays(-1), None)).Select(c => c.ItemId));
    }

    [Fact]
    public async Task An_edit_by_another_store_moves_the_item_to_its_new_keys()
    {
        var (item, _) = await Store.SaveItemAsync(Item("a", "v1", T0, bands: [1, 2]), NewStory(), None);
        Assert.Single(await Store.FindCandidatesAsync([1], T0.AddDays(-1), None));

        await using var other = OpenSecondStore();
        await other.UpdateItemAsync(item, Item("a", "v2", T0, bands: [3]), [], None);

        Assert.Empty(await Store.FindCandidatesAsync([1, 2], T0.AddDays(-1), None));
        var found = Assert.Single(await Store.FindCandidatesAsync([3], T0.AddDays(-1), None));
        Assert.Equal((item, "v2", T0), (found.ItemId, found.Title, found.Published));
    }

    [Fact]
    public async Task An_edit_that_leaves_no_keys_removes_the_item_from_every_stores_index()
    {
        var (item, _) = await Store.SaveItemAsync(Item("a", "long", T0, bands: [4]), NewStory(), None);
        await using var other = OpenSecondStore();
        Assert.Single(await other.FindCandidateSignaturesAsync([4], T0.AddDays(-1), None));

        await Store.UpdateItemAsync(item, Item("a", "short", T0), [], None);

        Assert.Empty(await Store.FindCandidatesAsync([4], T0.AddDays(-1), None));
        Assert.Empty(await other.FindCandidateSignaturesAsync([4], T0.AddDays(-1), None));
    }

    [Fact]
    public async Task A_reopened_store_rebuilds_the_index_from_the_file()
    {
        var (kept, _) = await Store.SaveItemAsync(Item("a", "kept", T0, bands: [long.MinValue, -1]), NewStory(), None);
        var (edited, _) = await Store.SaveItemAsync(Item("a", "edited", T0, bands: [8]), NewStory(), None);
        await Store.UpdateItemAsync(edited, Item("a", "edited2", T0, bands: [9]), [], None);

        await ReopenAsync();

        Assert.Equal([kept], (await Store.FindCandidatesAsync([-1], T0.AddDays(-1), None)).Select(c => c.ItemId));
        Assert.Equal([kept], (await Store.FindCandidatesAsync([long.MinValue], T0.AddDays(-1), None)).Select(c => c.ItemId));
        Assert.Empty(await Store.FindCandidatesAsync([8], T0.AddDays(-1), None));
        Assert.Equal([edited], (await Store.FindCandidatesAsync([9], T0.AddDays(-1), None)).Select(c => c.ItemId));
    }

    [Fact]
    public async Task Remembered_and_unremembered_candidate_rows_come_back_together_newest_first()
    {
        var (older, _) = await Store.SaveItemAsync(Item("a", "older", T0, bands: [11]), NewStory(), None);
        var (old, _) = await Store.SaveItemAsync(Item("b", "old", T0.AddMinutes(1), bands: [11]), NewStory(), None);
        await ReopenAsync();
        Assert.Empty(await Store.FindCandidatesAsync([12], T0.AddDays(-1), None)); // loads the index; no row read yet
        // Saved after the load: its row is remembered at commit, the two above are read from the file on the next lookup.
        var recent = await ((IItemBatchStore)Store).SaveItemsAsync([(Item("c", "recent", T0.AddMinutes(2), bands: [11]), NewStory())], None);

        var expected = new[] { recent[0].ItemId, old, older };
        Assert.Equal(expected, (await Store.FindCandidateSignaturesAsync([11], T0.AddDays(-1), None)).Select(c => c.ItemId));
        // Now every row is remembered: the same answer without reading.
        var again = await Store.FindCandidateSignaturesAsync([11], T0.AddDays(-1), None);
        Assert.Equal(expected, again.Select(c => c.ItemId));
        Assert.Equal(["c", "b", "a"], again.Select(c => c.SourceId));
    }

    [Fact]
    public async Task Own_saves_go_into_memory_at_commit_and_another_stores_save_in_between_is_still_read()
    {
        Assert.Empty(await Store.FindCandidatesAsync([7], T0.AddDays(-1), None)); // loads the index
        var first = await ((IItemBatchStore)Store).SaveItemsAsync([(Item("a", "first", T0, bands: [7]), NewStory())], None);
        await using var other = OpenSecondStore();
        var (theirs, _) = await other.SaveItemAsync(Item("b", "theirs", T0.AddMinutes(1), bands: [7]), NewStory(), None);
        // This save's row follows the other store's, which this store has not seen: it must not be skipped.
        var (last, _) = await Store.SaveItemAsync(Item("a", "last", T0.AddMinutes(2), bands: [7, 8]), NewStory(), None);

        Assert.Equal([last, theirs, first[0].ItemId], (await Store.FindCandidateSignaturesAsync([7], T0.AddDays(-1), None)).Select(c => c.ItemId));
        var row = (await Store.FindCandidateSignaturesAsync([8], T0.AddDays(-1), None)).Single();
        Assert.Equal((last, "a"), (row.ItemId, row.SourceId));
    }

    [Fact]
    public async Task Migrating_a_database_with_item_bands_keeps_every_items_keys()
    {
        var keys = new long[] { 10, -5, long.MaxValue, long.MinValue, 0x1234_5678_9ABC_DEF0, -0x1234_5678_9ABC_DEF0 };
        var (old, _) = await Store.SaveItemAsync(Item("a", "old", T0, bands: keys), NewStory(), None);
        await ReopenAsync(); // closes the file; the new store opens it at its first use
        SqliteConnection.ClearAllPools();
        // Put the file back as version 2 left it: keys as item_bands rows, no item_keys.
        await using (var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False"))
        {
            await connection.OpenAsync();
            var rows = string.Join(",", keys.Select(k => $"({k}, {T0.ToUnixTimeMilliseconds()}, {old})"));
            await using var cmd = new SqliteCommand($"""
                DROP TABLE item_keys;
                CREATE TABLE item_bands (band_key INTEGER NOT NULL, published INTEGER NOT NULL, item_id INTEGER NOT NULL,
                  PRIMARY KEY (band_key, published, item_id)) WITHOUT ROWID;
                INSERT INTO item_bands VALUES {rows};
                DELETE FROM schema_version WHERE version = 3;
                """, connection);
            await cmd.ExecuteNonQueryAsync();
        }

        await Store.MigrateAsync(None);

        foreach (var key in keys)
            Assert.Equal([old], (await Store.FindCandidatesAsync([key], T0.AddDays(-1), None)).Select(c => c.ItemId));
        Assert.Empty(await Store.FindCandidatesAsync([11], T0.AddDays(-1), None));
        await using var check = new SqliteConnection($"Data Source={DatabaseFile}");
        await check.OpenAsync();
        await using var tables = new SqliteCommand("SELECT COUNT(*) FROM sqlite_master WHERE name = 'item_bands'", check);
        Assert.Equal(0L, (long)(await tables.ExecuteScalarAsync())!);
    }
}
