using Microsoft.Data.Sqlite;
using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;
using Monitor.Worker.Storage.Sql;
using static Monitor.Worker.Tests.Storage.StoreTestData;

namespace Monitor.Worker.Tests.Storage;

/// <summary>The contract on a SQLite file in a temp folder, plus what only SQLite has: file locks and its query planner.</summary>
public sealed partial class SqliteStoreTests : StoreContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "monitor-sqlite-" + Guid.NewGuid().ToString("N")[..12]);

    private string DatabaseFile => Path.Combine(_folder, "data", "monitor.db");

    protected override Task<IMonitorStore> OpenStoreAsync() => Task.FromResult(StoreFactory.Create(
        new StorageOptions { Provider = "sqlite" }, new MonitorPaths(Path.Combine(_folder, "appsettings.json"), Path.Combine(_folder, "data")),
        TimeProvider.System, TimeSpan.FromSeconds(1)));

    protected override Task CleanupAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_file_is_created_under_the_data_folder_in_wal_mode()
    {
        Assert.True(File.Exists(DatabaseFile));
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile}");
        await connection.OpenAsync();
        await using var cmd = new SqliteCommand("PRAGMA journal_mode", connection);
        Assert.Equal("wal", (string?)await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_write_to_a_file_locked_by_another_connection_raises_store_unavailable()
    {
        await using var holder = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        await holder.OpenAsync();
        await using (var begin = new SqliteCommand("BEGIN EXCLUSIVE", holder))
            await begin.ExecuteNonQueryAsync();

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => Store.UpsertSourcesAsync([Source("a")], CancellationToken.None));

        Assert.Contains(DatabaseFile, error.Message);
        Assert.Contains("locked", error.Message);
        await using (var rollback = new SqliteCommand("ROLLBACK", holder))
            await rollback.ExecuteNonQueryAsync();
        await Store.UpsertSourcesAsync([Source("a")], CancellationToken.None);
        Assert.NotNull(await Store.GetSourceAsync("a", CancellationToken.None));
    }

    [Fact]
    public async Task An_unusable_path_raises_store_unavailable_naming_the_file()
    {
        var blocker = Path.Combine(_folder, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");
        await using var store = (SqlMonitorStore)StoreFactory.Create(
            new StorageOptions { ConnectionString = Path.Combine(blocker, "monitor.db") },
            new MonitorPaths(Path.Combine(_folder, "appsettings.json"), _folder));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.PingAsync(CancellationToken.None));
        Assert.Contains("not-a-folder", error.Message);
    }
}
