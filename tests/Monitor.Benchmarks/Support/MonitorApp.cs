namespace Monitor.Benchmarks.Support;

/// <summary>
/// Which build of the service the process-level scenarios (idle, rss2email) start: `--app DIR`, else the
/// MONITOR_BENCH_APP environment variable (run-all.sh sets it to its native publish, the build deploy/ installs),
/// else the monitor.dll built next to the benchmarks (a plain JIT build). A native AOT publish (an executable
/// `monitor` and no monitor.dll) is started directly, every other build through `dotnet`.
/// </summary>
public static class MonitorApp
{
    public static string Folder(string[] args) =>
        Path.GetFullPath(Args.String(args, "--app") ?? Environment.GetEnvironmentVariable("MONITOR_BENCH_APP") ?? AppContext.BaseDirectory);

    public static string Dll(string[] args) => Path.Combine(Folder(args), "monitor.dll");

    /// <summary>Whether the build is a native AOT publish: the executable alone, no managed monitor.dll.</summary>
    public static bool IsNative(string[] args) => !File.Exists(Dll(args)) && File.Exists(Path.Combine(Folder(args), "monitor"));

    /// <summary>The program to start and the arguments that come before the command's own (`run`, `once`).</summary>
    public static (string FileName, string[] Prefix) Command(string[] args) =>
        IsNative(args) ? (Path.Combine(Folder(args), "monitor"), []) : ("dotnet", [Dll(args)]);

    /// <summary>How the figures name the build: a ReadyToRun publish carries a native image header in monitor.dll.</summary>
    public static string Describe(string[] args)
    {
        if (IsNative(args)) return $"{Folder(args)} (native AOT)";
        return $"{Folder(args)} ({(IsReadyToRun(Dll(args)) ? "ReadyToRun" : "JIT")})";
    }

    private static bool IsReadyToRun(string dll)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(dll));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }
}
