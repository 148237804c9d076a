using System.Diagnostics;
using System.Globalization;

namespace Monitor.Benchmarks.Support;

/// <summary>
/// Runs a command under GNU time (/usr/bin/time) to get what the kernel accounted for it and its children: wall
/// seconds, user and system CPU seconds, and peak resident memory. Used for the side-by-side runs, where both tools run
/// as processes exactly as a user would run them.
/// </summary>
public static class TimedProcess
{
    public sealed record Result(int ExitCode, double WallSeconds, double CpuSeconds, double PeakMiB, string StdOut, string StdErr);

    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, string workingDirectory, IDictionary<string, string>? env, TimeSpan timeout, CancellationToken ct)
    {
        var report = Path.Combine(Path.GetTempPath(), "monitor-bench-time-" + Guid.NewGuid().ToString("N")[..8]);
        var info = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory,
        };
        foreach (var a in new[] { "-f", "%e %U %S %M", "-o", report, file }.Concat(args)) info.ArgumentList.Add(a);
        info.Environment["DOTNET_NOLOGO"] = "1";
        if (env is not null) foreach (var (k, v) in env) info.Environment[k] = v;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start /usr/bin/time");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeout}");
        }
        try
        {
            var fields = File.ReadAllLines(report).Last().Split(' ');
            double F(int i) => double.Parse(fields[i], CultureInfo.InvariantCulture);
            return new Result(process.ExitCode, F(0), F(1) + F(2), F(3) / 1024.0, await stdout, await stderr);
        }
        finally
        {
            File.Delete(report);
        }
    }
}
