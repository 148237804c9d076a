using System.Runtime;

namespace Monitor.Benchmarks.Support;

/// <summary>
/// Where a process's CPU went during a measured interval: per thread kind (the runtime names its threads: ".NET TP
/// Worker" runs the work, ".NET Tiered Com" recompiles hot methods, ".NET BGC" is the background collector), with the
/// runtime's own counters beside it (collections and their pauses, methods JIT-compiled and the time spent compiling,
/// lock contentions, thread-pool work items). The process figure alone mixes the service's work with the runtime's
/// warm-up; this says how much of it is which. Linux only (reads /proc/self/task); elsewhere the thread part is empty.
/// </summary>
public sealed class ProcessCpuBreakdown
{
    private readonly Dictionary<string, double> _threadSeconds;
    private readonly int _gen0, _gen1, _gen2;
    private readonly TimeSpan _pause, _jitTime;
    private readonly long _jitMethods, _contentions, _workItems;

    private ProcessCpuBreakdown()
    {
        _threadSeconds = ThreadSeconds();
        (_gen0, _gen1, _gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        _pause = GC.GetTotalPauseDuration();
        _jitTime = System.Runtime.JitInfo.GetCompilationTime();
        _jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
        _contentions = System.Threading.Monitor.LockContentionCount;
        _workItems = ThreadPool.CompletedWorkItemCount;
    }

    public static ProcessCpuBreakdown Start() => new();

    /// <summary>The figures since <see cref="Start"/>.</summary>
    public Summary Stop()
    {
        var now = new ProcessCpuBreakdown();
        var byKind = new Dictionary<string, double>();
        foreach (var (key, seconds) in now._threadSeconds)
        {
            var before = _threadSeconds.GetValueOrDefault(key);
            var kind = key[..key.IndexOf('|')];
            byKind[kind] = byKind.GetValueOrDefault(kind) + Math.Max(0, seconds - before);
        }
        return new Summary(
            byKind.Where(kv => kv.Value > 0).OrderByDescending(kv => kv.Value).ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 2)),
            now._gen0 - _gen0, now._gen1 - _gen1, now._gen2 - _gen2,
            Math.Round((now._pause - _pause).TotalSeconds, 3),
            now._jitMethods - _jitMethods, Math.Round((now._jitTime - _jitTime).TotalSeconds, 3),
            now._contentions - _contentions, now._workItems - _workItems,
            GCSettings.IsServerGC ? "server" : "workstation", GCSettings.LatencyMode.ToString(),
            now._gen2 > _gen2 ? LastPauseMs(GCKind.FullBlocking) : 0, LastPauseMs(GCKind.Ephemeral));
    }

    /// <summary>The pause of the last collection of this kind (a full one pauses for the whole heap's live objects,
    /// an ephemeral one for the young ones that survive).</summary>
    private static double LastPauseMs(GCKind kind)
    {
        var info = GC.GetGCMemoryInfo(kind);
        return info.Index == 0 ? 0 : Math.Round(info.PauseDurations[0].TotalMilliseconds, 1);
    }

    public sealed record Summary(
        Dictionary<string, double> ThreadCpuSeconds, int Gen0, int Gen1, int Gen2, double GcPauseSeconds,
        long MethodsJitted, double JitSeconds, long LockContentions, long ThreadPoolWorkItems, string GcKind, string GcLatencyMode,
        double LastFullPauseMs, double LastEphemeralPauseMs)
    {
        public string Describe() =>
            "CPU-s by thread: " + string.Join(", ", ThreadCpuSeconds.Select(kv => $"{kv.Key} {kv.Value:F2}"))
            + $"; GC ({GcKind}, {GcLatencyMode}) gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2}, pauses {GcPauseSeconds:F2} s"
            + $" (the last young one {LastEphemeralPauseMs:F0} ms" + (Gen2 > 0 ? $", the last full one {LastFullPauseMs:F0} ms)" : ")")
            + $"; JIT {MethodsJitted:N0} methods, {JitSeconds:F2} s; lock contentions {LockContentions:N0}; thread-pool items {ThreadPoolWorkItems:N0}";
    }

    /// <summary>"name|tid" → CPU seconds (user + system) of every thread of this process now.</summary>
    private static Dictionary<string, double> ThreadSeconds()
    {
        var result = new Dictionary<string, double>();
        if (!OperatingSystem.IsLinux()) return result;
        var ticks = 100.0; // USER_HZ: 100 on every Linux the runtime supports
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // Fields after the parenthesised name: state is field 3, utime 14, stime 15.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var seconds = (long.Parse(fields[11]) + long.Parse(fields[12])) / ticks;
                result[name + "|" + Path.GetFileName(dir)] = seconds;
            }
            catch (IOException)
            {
                // The thread ended between listing and reading: its time is gone from the process's per-thread view.
            }
        }
        return result;
    }
}
