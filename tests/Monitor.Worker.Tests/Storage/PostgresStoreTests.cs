using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;
using Monitor.Worker.Storage.Postgres;
using Monitor.Worker.Tests.Support;
using Npgsql;
using static Monitor.Worker.Tests.Storage.StoreTestData;

namespace Monitor.Worker.Tests.Storage;

/// <summary>The contract on a fresh database of the private PostgreSQL cluster, plus the Quartz tables and outages.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresServer server) : StoreContractTests
{
    private string? _connectionString;

    protected override async Task<IMonitorStore> OpenStoreAsync()
    {
        _connectionString ??= await server.CreateDatabaseAsync("store");
        return StoreFactory.Create(new StorageOptions { Provider = "postgres", ConnectionString = _connectionString },
            new MonitorPaths("/nonexistent/appsettings.json", "/nonexistent"));
    }

    [Fact]
    public async Task Migration_creates_the_quartz_job_store_tables()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'qrtz\\_%'", connection);
        var tables = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));

        Assert.Equal(QuartzSchema.Tables.Order(), tables.Order());
    }

    [Fact]
    public async Task Migrating_keeps_rows_already_in_quartz_tables()
    {
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO qrtz_locks (sched_name, lock_name) VALUES ('Monitor', 'TRIGGER_ACCESS')", connection);
            await insert.ExecuteNonQueryAsync();
            await using var forget = new NpgsqlCommand("DELETE FROM schema_version WHERE version = 2", connection);
            await forget.ExecuteNonQueryAsync();
        }

        await Store.MigrateAsync(CancellationToken.None);

        await using var check = new NpgsqlConnection(_connectionString);
        await check.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM qrtz_locks", check);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Migrating_a_database_with_tag_tables_keeps_every_story_and_item_tag()
    {
        var (first, story) = await Store.SaveItemAsync(Item("a", "first", T0), NewStory(), CancellationToken.None);
        var (second, _) = await Store.SaveItemAsync(Item("b", "second", T0.AddMinutes(1)), Join(story, first), CancellationToken.None);
        // Put the database back as version 4 left it: tags as rows (matched terms as JSON text), no tags columns.
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand($"""
                ALTER TABLE items DROP COLUMN tags;
                ALTER TABLE stories DROP COLUMN tags;
                CREATE TABLE item_tags (
                  item_id BIGINT NOT NULL REFERENCES items(id), kind TEXT NOT NULL, name TEXT NOT NULL, entry TEXT NOT NULL,
                  matched TEXT NOT NULL, score DOUBLE PRECISION NOT NULL, PRIMARY KEY (item_id, kind, name, entry));
                CREATE TABLE story_tags (
                  story_id BIGINT NOT NULL REFERENCES stories(id), kind TEXT NOT NULL, name TEXT NOT NULL, entry TEXT NOT NULL,
                  matched TEXT NOT NULL, score DOUBLE PRECISION NOT NULL, PRIMARY KEY (story_id, kind, name, entry));
                INSERT INTO item_tags VALUES ({first}, 'topic', 'politics', '', '["\u0628\u064A\u0627\u0646"]', 0.9),
                                             ({second}, 'watch', 'leaders', 'الرئيس', '["الرئيس","رئيس"]', 0.25);
                INSERT INTO story_tags VALUES ({story}, 'watch', 'leaders', 'الرئيس', '["الرئيس","رئيس"]', 0.25),
                                              ({story}, 'topic', 'politics', '', '["\u0628\u064A\u0627\u0646"]', 0.9);
                DELETE FROM schema_version WHERE version = 5;
                """, connection);
            await cmd.ExecuteNonQueryAsync();
        }
        NpgsqlConnection.ClearAllPools(); // no statement prepared against the old columns

        await Store.MigrateAsync(CancellationToken.None);

        var tags = (await Store.GetStoryAsync(story, CancellationToken.None))!.Tags;
        Assert.Equal([("topic", "politics", (string?)null, "بيان", 0.9), ("watch", "leaders", "الرئيس", "الرئيس|رئيس", 0.25)],
            tags.Select(t => (t.Kind, t.Name, t.Entry, string.Join('|', t.Matched), t.Score)));
        await Store.UpdateItemAsync(second, Item("b", "second edited", T0.AddMinutes(1)), [], CancellationToken.None);
        Assert.Equal(["politics"], (await Store.GetStoryAsync(story, CancellationToken.None))!.Tags.Select(t => t.Name));
    }

    [Fact]
    public async Task A_stopped_server_raises_store_unavailable_and_data_survives_the_restart()
    {
        await Store.UpsertSourcesAsync([Source("a")], CancellationToken.None);
        await server.StopAsync();
        try
        {
            var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => Store.ListSourcesAsync(CancellationToken.None));
            Assert.Contains($"127.0.0.1:{server.Port}", error.Message);
        }
        finally
        {
            await server.StartAsync();
        }
        await ReopenAsync();
        Assert.Equal("a", Assert.Single(await Store.ListSourcesAsync(CancellationToken.None)).Id);
    }

    [Fact]
    public async Task Concurrent_migrations_from_several_workers_apply_each_step_once()
    {
        var fresh = await server.CreateDatabaseAsync("migrate");
        var stores = Enumerable.Range(0, 4).Select(_ => StoreFactory.Create(
            new StorageOptions { Provider = "postgres", ConnectionString = fresh }, new MonitorPaths("/x/a.json", "/x"))).ToList();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync(CancellationToken.None))));
        }
        finally
        {
            foreach (var s in stores) await ((IAsyncDisposable)s).DisposeAsync();
        }
        await using var connection = new NpgsqlConnection(fresh);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT COUNT(*) FROM schema_version", connection);
        Assert.Equal((long)PostgresMigrations.All.Count, await cmd.ExecuteScalarAsync());
    }
}
