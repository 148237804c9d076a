namespace Monitor.Benchmarks.Support;

/// <summary>
/// Which build of the service the process-level scenarios (idle, rss2email) start: `--app DIR`, else the
/// MONITOR_BENCH_APP environment variable (run-all.sh sets it to its ReadyToRun publish, the build deploy/ installs),
/// else the monitor.dll built next to the benchmarks (a plain JIT build).
/// </summary>
public static class MonitorApp
{
    public static string Folder(string[] args) =>
        Path.GetFullPath(Args.String(args, "--app") ?? Environment.GetEnvironmentVariable("MONITOR_BENCH_APP") ?? AppContext.BaseDirectory);

    public static string Dll(string[] args) => Path.Combine(Folder(args), "monitor.dll");

    /// <summary>How the figures name the build: a ReadyToRun publish carries a native image header in monitor.dll.</summary>
    public static string Describe(string[] args)
    {
        return $"{Folder(args)} ({(IsReadyToRun(Dll(args)) ? "ReadyToRun" : "JIT")})";
    }

    private static bool IsReadyToRun(string dll)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(dll));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }
}
