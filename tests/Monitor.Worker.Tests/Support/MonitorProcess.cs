using System.Diagnostics;
using System.Text;

namespace Monitor.Worker.Tests.Support;

/// <summary>
/// Runs the real `monitor` executable as a separate process: the native build named by MONITOR_TEST_APP (test.sh
/// publishes it, as deploy/ does, so the process-level tests exercise what is shipped), else the monitor.dll built next
/// to the tests, through `dotnet`.
/// </summary>
public static class MonitorProcess
{
    /// <summary>The native executable under test, or null to run monitor.dll.</summary>
    public static string? NativeApp
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("MONITOR_TEST_APP");
            if (string.IsNullOrEmpty(path)) return null;
            if (Directory.Exists(path)) path = Path.Combine(path, "monitor");
            if (!File.Exists(path)) throw new FileNotFoundException($"MONITOR_TEST_APP names {path}, which does not exist");
            return Path.GetFullPath(path);
        }
    }

    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
    }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "monitor.dll");

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, string? workingDirectory = null, IDictionary<string, string>? env = null)
    {
        var native = NativeApp;
        var psi = new ProcessStartInfo(native ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            UseShellExecute = false, WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        if (native is null) psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        return psi;
    }

    public static async Task<Result> RunAsync(IEnumerable<string> args, string? stdin = null, IDictionary<string, string>? env = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        using var process = Process.Start(StartInfo(args, workingDirectory, env))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"monitor {string.Join(' ', args)} did not finish in time; stderr so far: {await stderr}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
