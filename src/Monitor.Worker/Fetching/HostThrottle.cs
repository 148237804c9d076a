using System.Collections.Concurrent;

namespace Monitor.Worker.Fetching;

/// <summary>
/// Politeness shared by every source: a global limit on requests in flight, a per-host budget shared by all sources on
/// that host, and per-host quiet periods after a 429/503 with Retry-After (other hosts are unaffected).
/// </summary>
public sealed class HostThrottle
{
    private readonly SemaphoreSlim _global;
    private readonly int _perHost;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _blockedUntil = new(StringComparer.OrdinalIgnoreCase);

    public HostThrottle(int maxConcurrency, int perHostConcurrency, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perHostConcurrency, 1);
        _global = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        _perHost = perHostConcurrency;
        _time = time;
    }

    /// <summary>Waits for a slot on <paramref name="host"/> and then a global slot; dispose the lease to give both back.</summary>
    public async Task<IDisposable> AcquireAsync(string host, CancellationToken ct)
    {
        // Host first: a busy host then waits without holding a global slot other hosts could use.
        var hostGate = _hosts.GetOrAdd(host, _ => new SemaphoreSlim(_perHost, _perHost));
        await hostGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _global.WaitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            hostGate.Release();
            throw;
        }
        return new Lease(hostGate, _global);
    }

    /// <summary>Leaves <paramref name="host"/> alone for <paramref name="wait"/> (a later, longer block wins).</summary>
    public void Block(string host, TimeSpan wait)
    {
        var until = _time.GetUtcNow() + wait;
        _blockedUntil.AddOrUpdate(host, until, (_, existing) => existing > until ? existing : until);
    }

    /// <summary>The time left in the host's quiet period, or null when requests may go.</summary>
    public TimeSpan? BlockedFor(string host)
    {
        if (!_blockedUntil.TryGetValue(host, out var until))
        {
            return null;
        }
        var left = until - _time.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            return left;
        }
        _blockedUntil.TryRemove(new KeyValuePair<string, DateTimeOffset>(host, until));
        return null;
    }

    private sealed class Lease(SemaphoreSlim host, SemaphoreSlim global) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                global.Release();
                host.Release();
            }
        }
    }
}
