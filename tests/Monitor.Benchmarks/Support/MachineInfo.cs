using System.Diagnostics;

namespace Monitor.Benchmarks.Support;

/// <summary>
/// What the figures were measured on, recorded with every result: cores, CPU model, RAM, .NET, and the load average,
/// because this machine is shared and a figure taken at load 10 is not the same figure as one taken at load 1.
/// </summary>
public static class MachineInfo
{
    public static object Describe() => new
    {
        cores = Environment.ProcessorCount,
        cpu = CpuModel(),
        ramGiB = Math.Round(TotalRamKiB() / (1024.0 * 1024), 1),
        dotnet = Environment.Version.ToString(),
        os = Environment.OSVersion.ToString(),
        loadAverage = LoadAverage(),
        at = DateTimeOffset.UtcNow.ToString("u"),
    };

    /// <summary>The three load averages as /proc/loadavg has them ("1.02 0.88 0.75"), or "" off Linux.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";

    public static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";

    private static long TotalRamKiB() => MemInfo("MemTotal:");

    private static long MemInfo(string key)
    {
        if (!File.Exists("/proc/meminfo")) return 0;
        var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0]);
    }

    /// <summary>Resident memory of a process in MiB from /proc/PID/status (VmRSS), the figure `ps` and `top` show.</summary>
    public static double ResidentMiB(int pid) => StatusKiB(pid, "VmRSS:") / 1024.0;

    /// <summary>Resident memory split as the kernel counts it (anonymous: heaps and JIT code; file: mapped binaries and data).</summary>
    public static (double AnonMiB, double FileMiB) ResidentSplitMiB(int pid) => (StatusKiB(pid, "RssAnon:") / 1024.0, StatusKiB(pid, "RssFile:") / 1024.0);

    /// <summary>Resident shared memory of a process in MiB (RssShmem: .NET's double-mapped executable memory lives there).</summary>
    public static double ResidentShmemMiB(int pid) => StatusKiB(pid, "RssShmem:") / 1024.0;

    /// <summary>Peak resident memory of a process in MiB (VmHWM).</summary>
    public static double PeakResidentMiB(int pid) => StatusKiB(pid, "VmHWM:") / 1024.0;

    private static long StatusKiB(int pid, string key)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path)) return 0;
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0]);
    }

    /// <summary>This process's peak working set in MiB.</summary>
    public static double SelfPeakMiB() => Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024);

    public static TimeSpan SelfCpu() => Process.GetCurrentProcess().TotalProcessorTime;
}
