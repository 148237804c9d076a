using System.Data.Common;
using Microsoft.Data.Sqlite;
using Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Storage.Sqlite;

/// <summary>
/// One long-lived connection lent to one operation at a time, its statements kept prepared between uses (preparing a
/// statement costs more than running a small one). SQLite's writer is one, since the file has one writer anyway; ingest's
/// lookups are another, so they read (WAL: from the last commit) while the writer saves earlier items.
/// </summary>
internal sealed class LentConnection(Func<CancellationToken, Task<SqliteConnection>> open)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, DbCommand> _statements = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;

    /// <summary>Waits for the connection (opening it the first time) and lends it as a session; disposing the session
    /// gives it back.</summary>
    public async ValueTask<Session> LendAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            _connection ??= await open(ct);
        }
        catch
        {
            _lock.Release();
            throw;
        }
        return new Session(_connection, _statements, ReturnAsync);
    }

    private async ValueTask ReturnAsync(bool faulted)
    {
        try
        {
            if (faulted && _connection is not null)
            {
                // After a failure start again from a fresh connection rather than trust the old one's state.
                Session.ClearCache(_statements);
                await _connection.DisposeAsync();
                _connection = null;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Frees the connection's page cache (<c>PRAGMA shrink_memory</c>) unless an operation holds it.</summary>
    public void ShrinkIfIdle()
    {
        if (!_lock.Wait(0)) return;
        try
        {
            if (_connection is null) return;
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "PRAGMA shrink_memory;";
            cmd.ExecuteNonQuery();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Closes the connection unless an operation holds it; the next one opens it again.</summary>
    public void CloseIfIdle()
    {
        if (!_lock.Wait(0)) return;
        try
        {
            Session.ClearCache(_statements);
            _connection?.Dispose();
            _connection = null;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Waits for the current operation, then closes the connection.</summary>
    public void Close()
    {
        _lock.Wait();
        try
        {
            Session.ClearCache(_statements);
            _connection?.Dispose();
            _connection = null;
        }
        finally
        {
            _lock.Release();
        }
    }
}
