using Microsoft.Data.Sqlite;

namespace Monitor.Worker.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on a connection of its own, soon after the writer
/// commits, so that the writer's commits never wait for that copy. Left to SQLite, the commit that takes the log past
/// its threshold does the copy itself, with two fsyncs: during ingest at 1M stored that was a checkpoint every quarter
/// second on the saving thread, each 30-40 ms waiting for the disk while the other polls waited for the save.
/// <para>
/// Passive checkpoints only: they never wait for, nor hold up, the writer or a reader; frames a reader still needs are
/// copied by a later round. The writer keeps SQLite's own checkpoint at a higher threshold
/// (<see cref="WriterBackstopPages"/>) as a backstop: if this one falls behind or fails, the log stays bounded and
/// nothing is lost (the log is the data until it is copied). A failure here is counted, kept in
/// <see cref="LastError"/> and reported (the first of a run of failures, then the recovery); the next commit tries again.
/// </para>
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    /// <summary>The writer's own checkpoint threshold (pages of the log): 16,000 pages, 64 MiB at the default page size.</summary>
    public const int WriterBackstopPages = 16_000;

    /// <summary>Rounds at most this often: each round costs two fsyncs whatever it copies, so rounds gather many commits.</summary>
    private static readonly TimeSpan MinimumSpacing = TimeSpan.FromMilliseconds(200);

    private readonly Func<CancellationToken, Task<SqliteConnection>> _open;
    private readonly Action<string>? _report;
    private readonly SemaphoreSlim _written = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private Task? _loop;
    private int _pending; // 1 while a round is asked for and not yet begun
    private bool _disposed;

    /// <param name="open">Opens a connection to the same file (not from the pool: it is closed after each round, so the
    /// service holds no extra connection while it is quiet).</param>
    /// <param name="report">Told of the first failure of a run of failed rounds, and of the round that succeeds after it.</param>
    public WalCheckpointer(Func<CancellationToken, Task<SqliteConnection>> open, Action<string>? report = null)
    {
        _open = open;
        _report = report;
    }

    /// <summary>Rounds completed, and what the last one reported: pages in the log, pages of it now in the file; for
    /// tests and diagnostics.</summary>
    public (long Rounds, long LogPages, long CopiedPages) Progress { get { lock (_gate) return (_rounds, _logPages, _copiedPages); } }
    private long _rounds, _logPages, _copiedPages;

    /// <summary>The last round's failure, or null once a round succeeds again.</summary>
    public string? LastError { get; private set; }

    /// <summary>The writer committed: a round follows soon (one round for any number of commits meanwhile).</summary>
    public void Written()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1) return;
        lock (_gate)
        {
            if (_disposed) return;
            _loop ??= Task.Run(LoopAsync);
        }
        _written.Release();
    }

    private async Task LoopAsync()
    {
        var ct = _stop.Token;
        try
        {
            while (true)
            {
                await _written.WaitAsync(ct);
                Volatile.Write(ref _pending, 0);
                await RoundAsync(ct);
                await Task.Delay(MinimumSpacing, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task RoundAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = await _open(ct);
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            // One row: busy (always 0 for a passive round), pages in the log, pages copied to the file so far.
            var (log, copied) = await reader.ReadAsync(ct) ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
            lock (_gate)
            {
                _rounds++;
                (_logPages, _copiedPages) = (log, copied);
            }
            if (LastError is not null) _report?.Invoke($"WAL checkpoint works again ({copied} of {log} log pages in the file)");
            LastError = null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var first = LastError is null;
            LastError = $"WAL checkpoint failed ({e.GetType().Name}: {e.Message}); the writer's own checkpoint at " +
                        $"{WriterBackstopPages} pages keeps the log bounded";
            Hosting.MonitorMetrics.CheckpointsFailed.Add(1);
            if (first) _report?.Invoke(LastError);
        }
    }

    /// <summary>Stops the rounds (waiting for one under way); SQLite copies the rest when the last connection closes.</summary>
    public void Dispose()
    {
        Task? loop;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            loop = _loop;
        }
        _stop.Cancel();
        try
        {
            loop?.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The loop ends only by cancellation; anything else was already recorded in LastError.
        }
        _stop.Dispose();
    }
}
