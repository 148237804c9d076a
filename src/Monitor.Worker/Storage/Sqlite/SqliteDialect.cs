using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Storage.Sqlite;

/// <summary>
/// One SQLite file in WAL mode (readers never wait for the writer), synchronous=NORMAL (durable across process
/// crashes; a power cut may lose the last commits), foreign keys on, and a bounded wait on a locked file after which
/// <see cref="StoreUnavailableException"/> is raised. Connections come from Microsoft.Data.Sqlite's pool.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private readonly string _path;
    private readonly string _connectionString;
    private readonly string _unpooledConnectionString;
    private readonly string _pragmas;
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();
    private static readonly object Configured = new();
    /// <summary>SQLite has one writer at a time anyway: writes share one connection whose statements stay prepared.</summary>
    private readonly HeldConnection _writer;
    /// <summary>Ingest's lookups (exact check, candidates, the judge's texts): reads of committed rows, on a connection of
    /// their own so that they run while the writer saves the batch before (WAL: readers never wait for the writer).</summary>
    private readonly HeldConnection _lookup;
    /// <summary>Copies the log back into the file after the writer's commits, off the writer's thread.</summary>
    private readonly WalCheckpointer _checkpointer;

    /// <param name="report">Where the background checkpointer's failures are reported (the service's log).</param>
    public SqliteDialect(string path, TimeSpan busyTimeout, Action<string>? report = null)
    {
        _path = Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            // Microsoft.Data.Sqlite retries a busy statement until the command timeout: keep it equal to busy_timeout.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        };
        _connectionString = builder.ToString();
        builder.Pooling = false;
        _unpooledConnectionString = builder.ToString();
        // Saves dirty pages all over the items' indexes: a larger page cache and memory-mapped reads keep those pages
        // at hand. The log is copied back by the checkpointer, beside the writer; the writer's own checkpoint is the
        // backstop (WalCheckpointer).
        _pragmas = $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL; " +
                   $"PRAGMA cache_size = -32768; PRAGMA mmap_size = 268435456; PRAGMA wal_autocheckpoint = {WalCheckpointer.WriterBackstopPages};";
        _checkpointer = new WalCheckpointer(ct => OpenConnectionAsync(ct, pooled: false), report);
        _writer = new HeldConnection(OpenConnectionAsync, released: _checkpointer.Written);
        _lookup = new HeldConnection(async ct =>
        {
            // Not from the pool (nor back to it): its small cache is for the lookups alone.
            var connection = await OpenConnectionAsync(ct, pooled: false);
            // Every commit of the writer empties this connection's page cache at its next read (WAL), and emptying
            // costs in proportion to the cache: a small one, since its pages would not last anyway.
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA cache_size = -256;";
            await cmd.ExecuteNonQueryAsync(ct);
            return connection;
        });
    }

    public override string DatabaseName => _path;
    public override IReadOnlyList<Migration> Migrations => SqliteMigrations.All;
    public override bool CandidateIndexInMemory => true;
    public override string MigrationLockSql => ""; // BEGIN IMMEDIATE already serialises migrating processes

    public override async ValueTask<Session> OpenAsync(bool write, CancellationToken ct)
    {
        if (write) return await _writer.TakeAsync(ct);
        var pooled = await OpenConnectionAsync(ct);
        return new Session(pooled, cache: null, release: _ => pooled.DisposeAsync());
    }

    public override ValueTask<Session> OpenLookupAsync(CancellationToken ct) => _lookup.TakeAsync(ct);

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken ct) => await OpenConnectionAsync(ct, pooled: true);

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken ct, bool pooled)
    {
        var directory = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(pooled ? _connectionString : _unpooledConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            // Pragmas last for the physical connection, which the pool hands out again and again: set them once.
            if (!_configured.TryGetValue(connection.Handle!, out _))
            {
                await using var cmd = connection.CreateCommand();
                cmd.CommandText = _pragmas;
                await cmd.ExecuteNonQueryAsync(ct);
                _configured.AddOrUpdate(connection.Handle!, Configured);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Between polls: the page caches of the writer (up to the 32 MiB of cache_size, filled by the ingest's writes) and
    /// of the lookup reader (256 KiB) are freed with <c>PRAGMA shrink_memory</c>, and the pooled readers are closed
    /// (each has a page cache of its own); the next poll refills from the memory map and the file. Each connection is
    /// skipped while an operation holds it.
    /// </summary>
    public override void ReleaseIdleMemory()
    {
        _writer.ShrinkIfIdle();
        _lookup.ShrinkIfIdle();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }

    /// <summary>Loads the native library and the provider's code on a throwaway in-memory database (no file).</summary>
    public static void WarmUp()
    {
        using var connection = new SqliteConnection("Data Source=:memory:;Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT 1";
        cmd.ExecuteScalar();
    }

    /// <summary>Switches the file to WAL (persistent in the file, so once is enough).</summary>
    public override async Task PrepareAsync(CancellationToken ct)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode = WAL;";
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // BEGIN IMMEDIATE: take the write lock up front, so a transaction never fails halfway on a lock upgrade.
    public override ValueTask<DbTransaction> BeginAsync(Session session, CancellationToken ct) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)session.Connection).BeginTransaction(IsolationLevel.Serializable, deferred: false));

    public override string InSet(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";
    public override string SetRows(string parameter, string alias) => $"json_each({parameter}) AS {alias}";
    public override object SetValue(IReadOnlyCollection<long> values) => "[" + string.Join(',', values) + "]";

    public override bool IsUnavailable(Exception exception, out string cause)
    {
        cause = exception.Message;
        return exception is SqliteException e && e.SqliteErrorCode switch
        {
            5 => Set("the database file is locked by another connection (SQLITE_BUSY)", out cause),
            6 => Set("a table is locked (SQLITE_LOCKED)", out cause),
            10 => Set("disk I/O error (SQLITE_IOERR)", out cause),
            13 => Set("the disk is full (SQLITE_FULL)", out cause),
            14 => Set("the database file cannot be opened (SQLITE_CANTOPEN)", out cause),
            8 => Set("the database file is read-only (SQLITE_READONLY)", out cause),
            _ => false,
        } || exception is UnauthorizedAccessException or IOException; // the data folder cannot be created or reached
    }

    private static bool Set(string text, out string cause)
    {
        cause = text;
        return true;
    }

    public override ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public override void Dispose()
    {
        _checkpointer.Dispose();
        _writer.Close();
        _lookup.Close();
        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }
}
