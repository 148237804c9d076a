using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;

namespace Monitor.Worker.Hosting;

/// <summary>What one release gave back: the GC heap's committed bytes and the process's resident bytes before and
/// after (resident 0 where /proc is not there), whether the native heap was trimmed (glibc only) and how many bytes of
/// read-only file mappings were advised out.</summary>
public readonly record struct MemoryRelease(long HeapCommittedBefore, long HeapCommittedAfter, long ResidentBefore, long ResidentAfter,
    bool NativeHeapTrimmed, long FileMappingsPagedOut);

/// <summary>Gives the process's free memory back to the system. Separate from <see cref="IdleMemoryTrimmer"/> so the
/// decision of *when* (no job running, quiet long enough) is tested without collecting the test host's heap.</summary>
public interface IMemoryReleaser
{
    /// <summary>Bytes the process has allocated on the GC heap since it started (a cheap counter, no collection).</summary>
    long AllocatedBytes { get; }

    MemoryRelease Release();
}

/// <summary>
/// One blocking, compacting, aggressive full collection (the only mode that decommits the GC's free regions instead of
/// keeping them for the next allocations), then glibc's <c>malloc_trim(0)</c>, which returns the free pages of every
/// malloc arena (SQLite's page caches, ICU, OpenSSL and the threads that ran them allocate there), then, with
/// Monitor:Memory:PageOutFiles, the read-only file mappings (<see cref="FileMappingPager"/>). Each costs milliseconds
/// with the few MiB a service holds between polls.
/// </summary>
public sealed class MemoryReleaser(IOptions<MonitorOptions> options) : IMemoryReleaser
{
    private readonly bool _pageOutFiles = options.Value.Memory.PageOutFiles;

    // Not on Linux, or a libc without malloc_trim (musl): the collection alone. Decided once, at the first release.
    private bool _nativeTrimUnavailable = !OperatingSystem.IsLinux();

    public long AllocatedBytes => GC.GetTotalAllocatedBytes(precise: false);

    public MemoryRelease Release()
    {
        var residentBefore = Resident();
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var trimmed = TrimNativeHeap();
        var pagedOut = _pageOutFiles ? FileMappingPager.PageOut() : 0;
        return new MemoryRelease(before, after, residentBefore, Resident(), trimmed, pagedOut);
    }

    /// <summary>Resident bytes (/proc/self/statm's second field, in pages); 0 where it cannot be read.</summary>
    private static long Resident()
    {
        try
        {
            var fields = File.ReadAllText("/proc/self/statm").Split(' ');
            return fields.Length > 1 && long.TryParse(fields[1], out var pages) ? pages * Environment.SystemPageSize : 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private bool TrimNativeHeap()
    {
        if (_nativeTrimUnavailable) return false;
        try
        {
            return MallocTrim(0) == 1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _nativeTrimUnavailable = true;
            return false;
        }
    }

    // glibc: returns 1 when memory was given back to the system, 0 when there was none to give.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
