using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Hosting;

/// <summary>
/// Gives memory back once the service goes quiet: told when each job starts and ends (<see cref="WorkStarted"/>,
/// <see cref="WorkEnded"/>, from the scheduler's job listener), it releases once no job has run for
/// Monitor:Memory:QuietPeriod, and only after work that allocated at least <see cref="MinAllocatedBetweenReleases"/>
/// since the last release: the outbox job every 30 s and the schedule check every minute allocate next to nothing
/// when there is nothing to send or change, and collecting after each of them would cost CPU for no memory. Never
/// while a job runs: the release holds the same lock a starting job takes, so a job that fires meanwhile waits the
/// few milliseconds the release takes. Nothing polls: one timer, armed when the last running job ends and disarmed
/// when one starts. Two releases are at least Monitor:Memory:MinInterval apart.
/// </summary>
public sealed class IdleMemoryTrimmer : IDisposable
{
    private const double MiB = 1024 * 1024;
    /// <summary>Below this much allocated since the last release the heap has not grown enough to be worth a full
    /// collection (a poll that stores new items allocates tens of MiB, an empty outbox run a few hundred KiB).</summary>
    public const long MinAllocatedBetweenReleases = 4 * 1024 * 1024;
    private readonly Lock _gate = new();
    private readonly IMemoryReleaser _releaser;
    private readonly IStoreMaintenance? _store;
    private readonly TimeProvider _clock;
    private readonly ILogger<IdleMemoryTrimmer> _logger;
    private readonly TimeSpan _quiet;
    private readonly TimeSpan _minInterval;
    private readonly ITimer? _timer;
    private int _running;
    private bool _workSinceRelease;
    private long _lastEnded;
    private long _allocatedAtRelease;
    private long? _releasedAt;

    public IdleMemoryTrimmer(IOptions<MonitorOptions> options, IMemoryReleaser releaser, TimeProvider clock, ILogger<IdleMemoryTrimmer> logger,
        IStoreMaintenance? store = null)
    {
        _store = store;
        _releaser = releaser;
        _clock = clock;
        _logger = logger;
        _quiet = options.Value.Memory.QuietPeriod;
        _minInterval = options.Value.Memory.MinInterval;
        if (options.Value.Memory.TrimWhenIdle)
            _timer = clock.CreateTimer(_ => OnQuiet(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How many times memory was given back (for the logs' reader and the tests).</summary>
    public int Releases { get; private set; }

    /// <summary>Jobs running now, as the scheduler reported them.</summary>
    internal int RunningJobs { get { lock (_gate) return _running; } }

    /// <summary>A job started: no release until it (and every other running job) has ended and the quiet period passed.</summary>
    public void WorkStarted()
    {
        if (_timer is null) return;
        lock (_gate)
        {
            _running++;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>A job ended: when it was the last one running, the quiet period starts now.</summary>
    public void WorkEnded()
    {
        if (_timer is null) return;
        lock (_gate)
        {
            if (_running > 0) _running--;
            _workSinceRelease = true;
            _lastEnded = _clock.GetTimestamp();
            if (_running == 0) _timer.Change(_quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnQuiet()
    {
        lock (_gate)
        {
            if (_running > 0 || !_workSinceRelease) return;
            // A callback already on its way when a job started and ended again: wait out the rest of the new quiet period.
            var quietFor = _clock.GetElapsedTime(_lastEnded);
            if (quietFor < _quiet)
            {
                _timer?.Change(_quiet - quietFor, Timeout.InfiniteTimeSpan);
                return;
            }
            // Released not long ago: come back when Monitor:Memory:MinInterval has passed, if it is still quiet then.
            if (_releasedAt is { } releasedAt && _clock.GetElapsedTime(releasedAt) is var since && since < _minInterval)
            {
                _timer?.Change(_minInterval - since, Timeout.InfiniteTimeSpan);
                _logger.LogDebug("Idle for {Quiet}: last release {Since} ago, the next one waits for Monitor:Memory:MinInterval ({MinInterval})", _quiet, since, _minInterval);
                return;
            }
            _workSinceRelease = false;
            var allocated = _releaser.AllocatedBytes - _allocatedAtRelease;
            if (allocated < MinAllocatedBetweenReleases)
            {
                _logger.LogDebug("Idle for {Quiet}: {Allocated:F1} MiB allocated since the last release, too little to give back", _quiet, allocated / MiB);
                return;
            }
            Release();
        }
    }

    private void Release()
    {
        var started = _clock.GetTimestamp();
        try
        {
            // The store's caches first, so the collection and malloc_trim below return what they held.
            _store?.ReleaseIdleMemory();
            var released = _releaser.Release();
            _allocatedAtRelease = _releaser.AllocatedBytes;
            _releasedAt = _clock.GetTimestamp();
            Releases++;
            _logger.LogDebug("Idle for {Quiet}: memory given back in {Ms:F0} ms: resident {ResidentBefore:F1} -> {ResidentAfter:F1} MiB, GC heap committed {Before:F1} -> {After:F1} MiB, native heap {Native}, {PagedOut:F0} MiB of file mappings paged out",
                _quiet, _clock.GetElapsedTime(started).TotalMilliseconds, released.ResidentBefore / MiB, released.ResidentAfter / MiB,
                released.HeapCommittedBefore / MiB, released.HeapCommittedAfter / MiB, released.NativeHeapTrimmed ? "trimmed" : "not trimmed",
                released.FileMappingsPagedOut / MiB);
        }
        catch (Exception ex)
        {
            // A release is an optimisation: a failure must not reach the timer thread (it would end the process).
            _logger.LogWarning(ex, "Giving memory back after an idle period failed; the service carries on");
        }
    }

    public void Dispose() => _timer?.Dispose();
}
