using System.Diagnostics;

namespace Monitor.Worker.Hosting;

/// <summary>
/// Where a short-lived command's time goes, phase by phase, when MONITOR_TRACE_PHASES is set (any value): one line per
/// mark on standard error, milliseconds since the process started, since the previous mark, the process's CPU
/// milliseconds so far, and the collections of each generation so far (a collection stops every thread: in a run of
/// a second, one is tens of milliseconds). Off (one static bool read per mark) otherwise. This is how start-up and a cycle's bookkeeping
/// were measured (docs/performance.md, "End to end against rss2email, session 5"); it stays so they can be again.
/// </summary>
public static class StartupTrace
{
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("MONITOR_TRACE_PHASES") is { Length: > 0 };
    private static readonly Lock Gate = new();
    private static double _previousMs;

    public static void Mark(string phase)
    {
        if (!Enabled) return;
        var process = Process.GetCurrentProcess();
        var sinceStart = (DateTime.Now - process.StartTime).TotalMilliseconds;
        var cpu = process.TotalProcessorTime.TotalMilliseconds;
        lock (Gate)
        {
            Console.Error.WriteLine($"phase {sinceStart,8:F1} ms (+{sinceStart - _previousMs,7:F1}) cpu {cpu,7:F0} ms  " +
                                    $"gc {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}  {phase}");
            _previousMs = sinceStart;
        }
    }
}
