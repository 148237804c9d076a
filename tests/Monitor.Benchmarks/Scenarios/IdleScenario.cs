using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Monitor.Benchmarks.Support;
using Monitor.Benchmarks.Workload;

namespace Monitor.Benchmarks.Scenarios;

/// <summary>
/// The long-running service at rest: `monitor run` as a process (SQLite, a few loopback feeds, the web endpoint on a
/// free port, Quartz), its resident memory (VmRSS) sampled once it has answered /healthz and finished its first polls,
/// over a settling period; the figure is the last sample, with the peak (VmHWM) beside it.
/// </summary>
public sealed class IdleScenario : IScenario
{
    public string Name => "idle";
    public string Description => "resident memory of `monitor run` at rest [--sources 5] [--settle 20] (seconds) [--app DIR] (a published build, see MonitorApp)";

    public async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var sourceCount = Args.Int(args, "--sources", 5);
        var settle = Args.Int(args, "--settle", 20);
        var app = MonitorApp.Describe(args);
        var articles = new ArticleWorkload().Generate(sourceCount * 10, seed: 17, DateTimeOffset.UtcNow.AddHours(-4), TimeSpan.FromMinutes(3)).ToList();
        await using var host = await FeedHost.StartAsync(
            Enumerable.Range(0, sourceCount).Select(f => FeedXml.Rss($"منفذ {f}", $"https://news{f}.example/", articles.Skip(f * 10).Take(10))).ToList(), ct);
        await using var sink = new SmtpSink();
        using var config = new BenchConfig();
        for (var f = 0; f < sourceCount; f++) config.AddSource($"feed{f}", $"منفذ {f}", host.FeedUrl(f));
        config.AddSubscriber("reader@example.org", "قارئ", "daily 08:00");
        var port = Monitor.Tests.Shared.LoopbackPort.Free();
        config.UseSmtp(sink.Port).UseWeb(port).Write();

        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = config.Folder };
        foreach (var a in new[] { MonitorApp.Dll(args), "run", "--config", config.FilePath }) info.ArgumentList.Add(a);
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start monitor run");
        _ = process.StandardOutput.ReadToEndAsync(ct);
        _ = process.StandardError.ReadToEndAsync(ct);
        var samples = new List<double>();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var ready = Stopwatch.StartNew();
            while (!await HealthyAsync(http, port))
            {
                if (process.HasExited || ready.Elapsed > TimeSpan.FromSeconds(90))
                    throw new InvalidOperationException($"monitor run did not become healthy (exited: {process.HasExited})");
                await Task.Delay(250, ct);
            }
            var startup = ready.Elapsed.TotalSeconds;
            for (var s = 0; s < settle; s++)
            {
                await Task.Delay(1000, ct);
                samples.Add(MachineInfo.ResidentMiB(process.Id));
            }
            var rss = samples[^1];
            var peak = MachineInfo.PeakResidentMiB(process.Id);
            var (anon, file) = MachineInfo.ResidentSplitMiB(process.Id);
            Console.WriteLine($"{"sources",8} {"ready s",8} {"RSS MiB",8} {"min",6} {"max",6} {"peak (HWM)",11} {"feeds served",13}");
            Console.WriteLine($"{sourceCount,8} {startup,8:F1} {rss,8:F0} {samples.Min(),6:F0} {samples.Max(),6:F0} {peak,11:F0} {host.Ok,13}");
            Console.WriteLine($"resident split: {anon:F0} MiB anonymous (GC heap, JIT code, native allocations), {file:F0} MiB file-backed (runtime and assemblies)");
            Console.WriteLine($"build: {app}");
            Console.WriteLine($"load average: {MachineInfo.LoadAverage()}");
            Console.WriteLine($"written {ScenarioRunner.WriteJson("idle", new { app, sources = sourceCount, settleSeconds = settle, readySeconds = Math.Round(startup, 1), residentMiB = Math.Round(rss), minMiB = Math.Round(samples.Min()), maxMiB = Math.Round(samples.Max()), peakMiB = Math.Round(peak), anonymousMiB = Math.Round(anon), fileBackedMiB = Math.Round(file), feedsServed = host.Ok, machine = MachineInfo.Describe() })}");
            return 0;
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task<bool> HealthyAsync(HttpClient http, int port)
    {
        try { return (await http.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode; }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) { return false; }
    }
}
