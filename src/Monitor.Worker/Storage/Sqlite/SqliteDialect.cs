using System.Data;
using System.Data.Common;
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
    private readonly string _pragmas;

    public SqliteDialect(string path, TimeSpan busyTimeout)
    {
        _path = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            // Microsoft.Data.Sqlite retries a busy statement until the command timeout: keep it equal to busy_timeout.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        }.ToString();
        _pragmas = $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;";
    }

    public override string DatabaseName => _path;
    public override IReadOnlyList<Migration> Migrations => SqliteMigrations.All;
    public override string MigrationLockSql => ""; // BEGIN IMMEDIATE already serialises migrating processes

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = _pragmas;
            await cmd.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Switches the file to WAL (persistent in the file, so once is enough).</summary>
    public override async Task PrepareAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode = WAL;";
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // BEGIN IMMEDIATE: take the write lock up front, so a transaction never fails halfway on a lock upgrade.
    public override ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken ct) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false));

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
        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        return ValueTask.CompletedTask;
    }
}
