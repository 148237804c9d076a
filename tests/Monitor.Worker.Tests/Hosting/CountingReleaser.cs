using Monitor.Worker.Hosting;

namespace Monitor.Worker.Tests.Hosting;

/// <summary>Counts releases (and any made while the trimmer saw a running job); the allocation counter is set by the test.</summary>
internal sealed class CountingReleaser : IMemoryReleaser
{
    public IdleMemoryTrimmer? Trimmer { get; set; }
    public long AllocatedBytes { get; set; }
    public int Releases { get; private set; }
    public int ReleasesWhileBusy { get; private set; }
    public bool FailNext { get; set; }

    public MemoryRelease Release()
    {
        if (FailNext)
        {
            FailNext = false;
            throw new InvalidOperationException("release failed");
        }
        Releases++;
        if (Trimmer?.RunningJobs > 0) ReleasesWhileBusy++;
        return new MemoryRelease(30 << 20, 8 << 20, 120 << 20, 100 << 20, NativeHeapTrimmed: true, FileMappingsPagedOut: 150 << 20);
    }
}
