using System.Data.Common;

namespace Monitor.Worker.Storage.Sql;

/// <summary>
/// A connection lent to one store operation. Commands come from <see cref="Command"/> and belong to the session: on a
/// caching session (SQLite's single writer) a statement is prepared once and re-bound on every use, which is most of
/// the cost of a small write; otherwise commands are created per use and disposed with the session.
/// </summary>
internal sealed class Session : IAsyncDisposable
{
    private const int MaxCachedStatements = 128;
    private readonly Dictionary<string, DbCommand>? _cache;
    private readonly List<DbCommand> _owned = [];
    private readonly Func<bool, ValueTask> _release;

    public Session(DbConnection connection, Dictionary<string, DbCommand>? cache, Func<bool, ValueTask> release)
    {
        Connection = connection;
        _cache = cache;
        _release = release;
    }

    public DbConnection Connection { get; }

    /// <summary>Set when the operation failed: the owner discards a long-lived connection rather than trust its state.</summary>
    public bool Faulted { get; set; }

    public DbCommand Command(string sql, DbTransaction? tx)
    {
        DbCommand cmd;
        if (_cache is null)
        {
            cmd = Connection.CreateCommand();
            cmd.CommandText = sql;
            _owned.Add(cmd);
        }
        else if (_cache.TryGetValue(sql, out var cached))
        {
            cmd = cached;
            cmd.Parameters.Clear();
        }
        else
        {
            if (_cache.Count >= MaxCachedStatements) ClearCache(_cache);
            cmd = Connection.CreateCommand();
            cmd.CommandText = sql;
            _cache[sql] = cmd;
        }
        cmd.Transaction = tx;
        return cmd;
    }

    public static void ClearCache(Dictionary<string, DbCommand> cache)
    {
        foreach (var cmd in cache.Values) cmd.Dispose();
        cache.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cmd in _owned) await cmd.DisposeAsync();
        await _release(Faulted);
    }
}
