using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Benchmarks.Support;
using Monitor.Benchmarks.Workload;

namespace Monitor.Benchmarks.Scenarios;

/// <summary>
/// The long-running service at rest: `monitor run` as a process (SQLite, a few loopback feeds, the web endpoint on a
/// free port, Quartz), its resident memory (VmRSS) sampled once it has answered /healthz and fetched every feed once,
/// over a settling period; the figure is the last sample, with the peak (VmHWM) beside it. `--no-web` runs it with
/// Monitor:Web:Enabled=false (readiness is then the feeds' first fetch); `--env NAME=VALUE` (repeatable) sets a variable
/// for the service only, e.g. a runtime setting to compare; `--verbose` runs it with debug logging and prints its
/// idle memory releases (Monitor:Memory:TrimWhenIdle); `--stored N` puts N items of history in the database first
/// (inside the candidate window, as the ingest scenario makes them), so the store's caches hold what a service with
/// history holds.
/// </summary>
public sealed class IdleScenario : IScenario
{
    public string Name => "idle";
    public string Description => "resident memory of `monitor run` at rest [--sources 5] [--settle 20] (seconds) [--no-web] [--env NAME=VALUE]... [--verbose] [--stored 0] [--app DIR] (a published build, see MonitorApp)";

    public async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var sourceCount = Args.Int(args, "--sources", 5);
        var settle = Args.Int(args, "--settle", 20);
        var web = !Args.Flag(args, "--no-web");
        var verbose = Args.Flag(args, "--verbose");
        var stored = Args.Int(args, "--stored", 0);
        var app = MonitorApp.Describe(args);
        var articles = new ArticleWorkload().Generate(sourceCount * 10, seed: 17, DateTimeOffset.UtcNow.AddHours(-4), TimeSpan.FromMinutes(3)).ToList();
        await using var host = await FeedHost.StartAsync(
            Enumerable.Range(0, sourceCount).Select(f => FeedXml.Rss($"منفذ {f}", $"https://news{f}.example/", articles.Skip(f * 10).Take(10))).ToList(), ct);
        await using var sink = new SmtpSink();
        using var config = new BenchConfig();
        for (var f = 0; f < sourceCount; f++) config.AddSource($"feed{f}", $"منفذ {f}", host.FeedUrl(f));
        config.AddSubscriber("reader@example.org", "قارئ", "daily 08:00");
        var port = Monitor.Tests.Shared.LoopbackPort.Free();
        config.UseSmtp(sink.Port);
        if (web) config.UseWeb(port);
        config.Write();
        if (stored > 0) await FillHistoryAsync(config, stored, sourceCount, ct);

        var (program, prefix) = MonitorApp.Command(args);
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = config.Folder };
        foreach (var a in prefix.Concat(["run", "--config", config.FilePath])) info.ArgumentList.Add(a);
        if (verbose) info.ArgumentList.Add("--verbose");
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in Args.Env(args)) info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start monitor run");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        _ = process.StandardError.ReadToEndAsync(ct);
        var samples = new List<double>();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var ready = Stopwatch.StartNew();
            // Ready: the web endpoint answers (when on) and every feed has been fetched once, so what is measured is the
            // state between polls, with the parsing, ingest and digest code already loaded.
            while ((web && !await HealthyAsync(http, port)) || host.Ok < sourceCount)
            {
                if (process.HasExited || ready.Elapsed > TimeSpan.FromSeconds(90))
                    throw new InvalidOperationException($"monitor run did not become ready (exited: {process.HasExited}, feeds served {host.Ok})");
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
            var shmem = MachineInfo.ResidentShmemMiB(process.Id);
            if (stored > 0) Console.WriteLine($"history: {stored:N0} items stored before the start");
            Console.WriteLine($"{"sources",8} {"ready s",8} {"RSS MiB",8} {"min",6} {"max",6} {"peak (HWM)",11} {"feeds served",13}");
            Console.WriteLine($"{sourceCount,8} {startup,8:F1} {rss,8:F0} {samples.Min(),6:F0} {samples.Max(),6:F0} {peak,11:F0} {host.Ok,13}");
            Console.WriteLine($"resident split: {anon:F0} MiB anonymous (GC heap, native allocations), {file:F0} MiB file-backed (runtime and assemblies), {shmem:F0} MiB shared (the runtime's double-mapped executable memory: JIT code, stubs)");
            Console.WriteLine($"web: {(web ? "enabled" : "disabled (Monitor:Web:Enabled=false)")}; environment: {string.Join(' ', Args.Env(args).Select(e => $"{e.Name}={e.Value}"))}");
            Console.WriteLine($"build: {app}");
            Console.WriteLine($"load average: {MachineInfo.LoadAverage()}");
            if (verbose)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                var log = await output;
                foreach (var line in log.Split('\n').Where(l => l.Contains("memory given back", StringComparison.Ordinal)))
                    Console.WriteLine($"service: {line.Trim()}");
                var logFile = Path.Combine(ScenarioRunner.FindRepoRoot(), "artifacts", "benchmarks", "idle-service.log");
                Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
                await File.WriteAllTextAsync(logFile, log, CancellationToken.None);
                Console.WriteLine($"service log (debug): {logFile}");
            }
            Console.WriteLine($"written {ScenarioRunner.WriteJson("idle", new { app, sources = sourceCount, settleSeconds = settle, readySeconds = Math.Round(startup, 1), residentMiB = Math.Round(rss), minMiB = Math.Round(samples.Min()), maxMiB = Math.Round(samples.Max()), peakMiB = Math.Round(peak), anonymousMiB = Math.Round(anon), fileBackedMiB = Math.Round(file), sharedMiB = Math.Round(shmem), web, storedItems = stored, environment = Args.Env(args).Select(e => $"{e.Name}={e.Value}").ToArray(), feedsServed = host.Ok, machine = MachineInfo.Describe() })}");
            return 0;
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>The sources seeded and N items of history written before the service starts (the service then only
    /// checks the migrations and the seed).</summary>
    private static async Task FillHistoryAsync(BenchConfig config, int stored, int sourceCount, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using (var services = config.BuildServices())
        {
            await services.GetRequiredService<Monitor.Worker.Pipeline.StoreSeeder>().SeedAsync(ct);
            var store = services.GetRequiredService<Monitor.Worker.Storage.IMonitorStore>();
            await Ingest.HistoryFill.FillAsync(store, Path.Combine(config.DataFolder, "monitor.db"), stored, sourceCount,
                DateTimeOffset.UtcNow.AddHours(-5), ct, sourcePrefix: "feed");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Console.WriteLine($"history: {stored:N0} items written in {watch.Elapsed.TotalSeconds:F0} s ({new FileInfo(Path.Combine(config.DataFolder, "monitor.db")).Length / 1048576.0:F0} MiB database)");
    }

    private static async Task<bool> HealthyAsync(HttpClient http, int port)
    {
        try { return (await http.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode; }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) { return false; }
    }
}
