using System.Data.Common;
using Monitor.Worker.Storage.Sqlite;

namespace Monitor.Worker.Storage.Sql;

/// <summary>
/// The store over ADO.NET, shared by SQLite and PostgreSQL; the <see cref="SqlDialect"/> supplies what differs.
/// Each operation opens a pooled connection, and every multi-statement write runs in one transaction.
/// Split by concern into partial files (Sources, Items, Stories, Subscribers, Outbox).
/// </summary>
internal sealed partial class SqlMonitorStore : IMonitorStore, IStoreMaintenance, IItemBatchStore, IAsyncDisposable, IDisposable
{
    private readonly SqlDialect _dialect;
    private readonly TimeProvider _time;
    /// <summary>The in-memory candidate index where the dialect keeps one (SQLite); null where item_bands is a table.</summary>
    private readonly SqliteCandidateIndex? _candidates;

    public SqlMonitorStore(SqlDialect dialect, TimeProvider time)
    {
        _dialect = dialect;
        _time = time;
        _candidates = dialect.CandidateIndexInMemory ? new SqliteCandidateIndex() : null;
    }

    /// <summary>Items and bytes held by the in-memory candidate index (zero where there is none, or before the first lookup).</summary>
    public (int Items, long Bytes) CandidateIndexSize => _candidates?.Size ?? (0, 0);

    public string DatabaseName => _dialect.DatabaseName;

    public void ReleaseIdleMemory() => _dialect.ReleaseIdleMemory();

    public Task MigrateAsync(CancellationToken ct) =>
        GuardAsync(async () =>
        {
            await _dialect.PrepareAsync(ct);
            return await MigrationRunner.RunAsync(_dialect, () => _time.GetUtcNow().ToUnixTimeMilliseconds(), ct);
        });

    public Task<bool> PingAsync(CancellationToken ct) => RunAsync(async c =>
    {
        var cmd = c.Command("SELECT 1", null);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct)) == 1;
    }, ct);

    /// <summary>Maps an unreachable or locked database to <see cref="StoreUnavailableException"/>.</summary>
    private async Task<T> GuardAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (e is not StoreUnavailableException && _dialect.IsUnavailable(e, out var cause))
        {
            throw new StoreUnavailableException(_dialect.DatabaseName, cause, e);
        }
    }

    /// <summary>Runs work in a session: a pooled connection, or with <paramref name="write"/> the writer session
    /// (SQLite's one long-lived writer with prepared statements; on PostgreSQL the same as any other).</summary>
    private Task<T> RunAsync<T>(Func<Session, Task<T>> work, CancellationToken ct, bool write = false) =>
        RunInAsync(token => _dialect.OpenAsync(write, token), work, ct);

    /// <summary>Runs a read of committed rows for ingest's decisions in the lookup session (<see cref="SqlDialect.OpenLookupAsync"/>).</summary>
    private Task<T> LookupAsync<T>(Func<Session, Task<T>> work, CancellationToken ct) => RunInAsync(_dialect.OpenLookupAsync, work, ct);

    /// <summary>Runs work in the session <paramref name="open"/> lends; a failure marks the session faulted.</summary>
    private Task<T> RunInAsync<T>(Func<CancellationToken, ValueTask<Session>> open, Func<Session, Task<T>> work, CancellationToken ct) =>
        GuardAsync(async () =>
        {
            await using var session = await open(ct);
            try
            {
                return await work(session);
            }
            catch
            {
                session.Faulted = true;
                throw;
            }
        });

    /// <summary>Runs work in one transaction, committed only if the work returns (any exception rolls it back).
    /// <paramref name="afterCommit"/> runs once the commit succeeded, still inside the session (on SQLite, before
    /// any other use of the writer).</summary>
    private Task<T> InTransactionAsync<T>(Func<Session, DbTransaction, Task<T>> work, CancellationToken ct, Action? afterCommit = null) =>
        RunAsync(async session =>
        {
            await using var tx = await _dialect.BeginAsync(session, ct);
            var result = await work(session, tx);
            await tx.CommitAsync(ct);
            afterCommit?.Invoke();
            return result;
        }, ct, write: true);

    private Task InTransactionAsync(Func<Session, DbTransaction, Task> work, CancellationToken ct) =>
        InTransactionAsync<bool>(async (c, tx) => { await work(c, tx); return true; }, ct);

    private static async Task<int> ExecuteAsync(Session c, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        var cmd = c.Command(sql, tx);
        foreach (var (name, value) in args) cmd.Add(name, value);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(Session c, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        var cmd = c.Command(sql, tx);
        foreach (var (name, value) in args) cmd.Add(name, value);
        var result = await cmd.ExecuteScalarAsync(ct);
        return result is DBNull ? null : result;
    }

    private static async Task<List<T>> QueryAsync<T>(Session c, DbTransaction? tx, string sql, Func<DbDataReader, T> map, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        var cmd = c.Command(sql, tx);
        foreach (var (name, value) in args) cmd.Add(name, value);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(map(reader));
        return rows;
    }

    public ValueTask DisposeAsync() => _dialect.DisposeAsync();

    public void Dispose() => _dialect.Dispose();
}
