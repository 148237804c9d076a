using System.Data.Common;
using Microsoft.Data.Sqlite;
using Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Storage.Sqlite;

/// <summary>
/// One long-lived connection lent to one operation at a time, with its statements kept prepared between uses (re-binding
/// a prepared statement is most of the cost of a small query). After a failed operation the connection and its
/// statements are dropped and the next operation opens a fresh one, rather than trust the old one's state.
/// </summary>
/// <param name="released">Called each time an operation gives the connection back (the writer: after every write).</param>
internal sealed class HeldConnection(Func<CancellationToken, Task<SqliteConnection>> open, Action? released = null)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, DbCommand> _statements = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;

    /// <summary>Waits for the connection, opening it on first use; the session gives it back when disposed.</summary>
    public async ValueTask<Session> TakeAsync(CancellationToken ct)
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
        return new Session(_connection, _statements, ReleaseAsync);
    }

    private async ValueTask ReleaseAsync(bool faulted)
    {
        try
        {
            if (faulted && _connection is not null)
            {
                Session.ClearCache(_statements);
                await _connection.DisposeAsync();
                _connection = null;
            }
        }
        finally
        {
            _lock.Release();
            released?.Invoke();
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

    /// <summary>Closes the connection (waiting for the operation holding it, if any).</summary>
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
