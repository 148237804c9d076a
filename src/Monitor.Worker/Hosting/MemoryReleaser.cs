using System.Runtime.InteropServices;

namespace Monitor.Worker.Hosting;

/// <summary>What one release gave back: the GC heap's committed bytes before and after, and whether the native heap
/// was trimmed too (glibc only).</summary>
public readonly record struct MemoryRelease(long HeapCommittedBefore, long HeapCommittedAfter, bool NativeHeapTrimmed);

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
/// malloc arena (SQLite's page caches, ICU, OpenSSL and the threads that ran them allocate there). Both cost
/// milliseconds with the few MiB a service holds between polls.
/// </summary>
public sealed class MemoryReleaser : IMemoryReleaser
{
    // Not on Linux, or a libc without malloc_trim (musl): the collection alone. Decided once, at the first release.
    private bool _nativeTrimUnavailable = !OperatingSystem.IsLinux();

    public long AllocatedBytes => GC.GetTotalAllocatedBytes(precise: false);

    public MemoryRelease Release()
    {
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetGCMemoryInfo().TotalCommittedBytes;
        return new MemoryRelease(before, after, TrimNativeHeap());
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
