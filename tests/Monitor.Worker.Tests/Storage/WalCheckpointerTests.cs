using Microsoft.Data.Sqlite;
using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;
using Monitor.Worker.Storage.Sql;
using Monitor.Worker.Storage.Sqlite;
using static Monitor.Worker.Tests.Storage.StoreTestData;

namespace Monitor.Worker.Tests.Storage;

/// <summary>The log is copied back into the database file beside the writer, on real SQLite files: what a commit wrote
/// reaches the file without the writer checkpointing, a reader holding old pages delays the copy without an error, and
/// a failed round is reported and retried.</summary>
public sealed class WalCheckpointerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "monitor-wal-" + Guid.NewGuid().ToString("N")[..12]);

    public WalCheckpointerTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string File(string name) => Path.Combine(_folder, name);

    private static async Task<SqliteConnection> OpenAsync(string path, CancellationToken ct = default)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task<object?> ExecAsync(SqliteConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }

    /// <summary>A writer that never checkpoints by itself, with <paramref name="rows"/> committed rows, all still in the log.</summary>
    private async Task<SqliteConnection> WriterWithRowsInTheLogAsync(string path, int rows)
    {
        var writer = await OpenAsync(path);
        await ExecAsync(writer, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (v TEXT)");
        for (var i = 0; i < rows; i++) await ExecAsync(writer, $"INSERT INTO t VALUES (hex(randomblob(500)))");
        return writer;
    }

    /// <summary>The rows the database file alone holds: a copy of it without its log, opened on its own.</summary>
    private async Task<long> RowsInTheFileAloneAsync(string path, string table)
    {
        var copy = File("copy-" + Guid.NewGuid().ToString("N")[..8] + ".db");
        System.IO.File.Copy(path, copy);
        await using var connection = await OpenAsync(copy);
        return Convert.ToInt64(await ExecAsync(connection, $"SELECT COUNT(*) FROM {table}"));
    }

    private static async Task UntilAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the checkpointer did not get there in time");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_commit_s_rows_reach_the_database_file_by_a_round_of_the_checkpointer()
    {
        var path = File("a.db");
        await using var writer = await WriterWithRowsInTheLogAsync(path, 200);
        using var checkpointer = new WalCheckpointer(ct => OpenAsync(path, ct));
        await Assert.ThrowsAsync<SqliteException>(() => RowsInTheFileAloneAsync(path, "t")); // the table is only in the log

        checkpointer.Written();

        await UntilAsync(() => Task.FromResult(checkpointer.Progress.Rounds >= 1));
        var (_, log, copied) = checkpointer.Progress;
        Assert.True(log > 0);
        Assert.Equal(log, copied);
        Assert.Equal(200, await RowsInTheFileAloneAsync(path, "t"));
        Assert.Null(checkpointer.LastError);
    }

    [Fact]
    public async Task A_reader_on_old_pages_holds_the_copy_back_without_an_error_and_a_later_round_copies_the_rest()
    {
        var path = File("b.db");
        await using var writer = await WriterWithRowsInTheLogAsync(path, 50);
        await using var reader = await OpenAsync(path);
        await ExecAsync(reader, "BEGIN; SELECT COUNT(*) FROM t"); // a read transaction on the 50-row snapshot
        for (var i = 0; i < 50; i++) await ExecAsync(writer, "INSERT INTO t VALUES (hex(randomblob(500)))");
        using var checkpointer = new WalCheckpointer(ct => OpenAsync(path, ct));

        checkpointer.Written();
        await UntilAsync(() => Task.FromResult(checkpointer.Progress.Rounds >= 1));
        var (_, log, copied) = checkpointer.Progress;
        Assert.True(copied < log, $"copied {copied} of {log} pages while a reader needed the older ones");
        Assert.Null(checkpointer.LastError);

        await ExecAsync(reader, "COMMIT");
        checkpointer.Written();
        await UntilAsync(() => Task.FromResult(checkpointer.Progress is { Rounds: >= 2 } p && p.CopiedPages == p.LogPages));
        Assert.Equal(100, await RowsInTheFileAloneAsync(path, "t"));
    }

    [Fact]
    public async Task A_failed_round_is_reported_and_the_next_commit_s_round_tries_again()
    {
        var path = File("c.db");
        await using var writer = await WriterWithRowsInTheLogAsync(path, 20);
        var attempts = 0;
        var reported = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var checkpointer = new WalCheckpointer(ct => ++attempts <= 2
            ? throw new IOException("disk went away")
            : OpenAsync(path, ct), reported.Enqueue);

        checkpointer.Written();
        await UntilAsync(() => Task.FromResult(checkpointer.LastError is not null));
        Assert.Contains("disk went away", checkpointer.LastError);
        Assert.Contains("WAL checkpoint failed", checkpointer.LastError);
        Assert.Equal(0, checkpointer.Progress.Rounds);

        checkpointer.Written(); // fails again: reported once for the run of failures
        await UntilAsync(() => Task.FromResult(Volatile.Read(ref attempts) >= 2));
        checkpointer.Written();
        await UntilAsync(() => Task.FromResult(checkpointer.Progress.Rounds >= 1));
        Assert.Null(checkpointer.LastError);
        Assert.Equal(20, await RowsInTheFileAloneAsync(path, "t"));
        Assert.Collection(reported,
            failed => Assert.Contains("disk went away", failed),
            recovered => Assert.StartsWith("WAL checkpoint works again", recovered));
    }

    [Fact]
    public async Task After_dispose_a_commit_starts_no_round()
    {
        var path = File("d.db");
        await using var writer = await WriterWithRowsInTheLogAsync(path, 5);
        var opened = 0;
        var checkpointer = new WalCheckpointer(ct => { Interlocked.Increment(ref opened); return OpenAsync(path, ct); });
        checkpointer.Dispose();

        checkpointer.Written();
        await Task.Delay(300);

        Assert.Equal(0, opened);
        checkpointer.Dispose(); // twice is harmless
    }

    [Fact]
    public async Task The_store_s_saves_reach_the_database_file_while_the_writer_stays_open()
    {
        var data = Path.Combine(_folder, "data");
        await using var store = (SqlMonitorStore)StoreFactory.Create(new StorageOptions { Provider = "sqlite" },
            new MonitorPaths(Path.Combine(_folder, "appsettings.json"), data), TimeProvider.System, TimeSpan.FromSeconds(1));
        await store.MigrateAsync(None);
        for (var i = 0; i < 30; i++)
            await store.SaveItemAsync(Item("a", $"item {i}", T0.AddMinutes(i), bands: [i], link: $"https://x/{i}"), NewStory(), None);

        // 30 small saves are far below the writer's own threshold: only the checkpointer copies them into the file.
        await UntilAsync(async () =>
        {
            try
            {
                return await RowsInTheFileAloneAsync(Path.Combine(data, StoreFactory.DefaultSqliteFile), "items") == 30;
            }
            catch (SqliteException)
            {
                return false; // copied halfway through a round: try again
            }
        });
        Assert.Equal(30, await store.CountItemsAsync(None));
    }

    private static CancellationToken None => CancellationToken.None;
}
