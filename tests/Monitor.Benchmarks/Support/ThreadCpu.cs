using System.Runtime.InteropServices;

namespace Monitor.Benchmarks.Support;

/// <summary>
/// CPU time of the calling thread (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)). On a machine shared with other
/// builds, wall time per stage mostly measures the neighbours; the thread's own CPU time does not. Valid across an
/// await only when it completes synchronously on the same thread, which the single-threaded profile arranges.
/// </summary>
public static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Microseconds of CPU this thread has used, or 0 where the clock is unavailable.</summary>
    public static double Microseconds()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        return ClockGetTime(ClockThreadCpuTimeId, out var t) == 0 ? t.Seconds * 1e6 + t.Nanoseconds / 1e3 : 0;
    }
}
