using Monitor.Benchmarks.Support;

namespace Monitor.Benchmarks.Scenarios;

/// <summary>
/// `monitor once` alone, as cron runs it, on the rss2email scenario's feeds (same workload, same feed server and SMTP
/// sink, shipped fetch limits when the feeds are spread over hosts), without rss2email's 40-second runs: a first run,
/// then repeated runs on the unchanged feeds, for one build or two builds alternating (`--app` and `--app2`, each with
/// its own store), so a start-up change can be compared in the same minute at the same load. Prints every run and the
/// median per build. `--env NAME=VALUE` (repeatable) is set for the processes (tracing switches; with MONITOR_TRACE_PHASES each run's
/// phase lines are printed under it); `--hold N` keeps the
/// feed server up N seconds after the runs with the configurations printed, for runs by hand (strace, perf).
/// </summary>
public sealed class OnceStartScenario : IScenario
{
    public string Name => "once-start";
    public string Description => "`monitor once` repeated on the rss2email feeds, one or two builds alternating [--feeds 200] [--items-per-feed 5] [--latency-ms 200] [--hosts 50] [--rounds 5] [--app DIR] [--app2 DIR] [--env K=V] [--hold SECONDS]";

    public async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var feeds = Args.Int(args, "--feeds", 200);
        var perFeed = Args.Int(args, "--items-per-feed", 5);
        var latencyMs = Args.Int(args, "--latency-ms", 200);
        var hosts = Args.Int(args, "--hosts", 50);
        var rounds = Args.Int(args, "--rounds", 5);
        var hold = Args.Int(args, "--hold", 0);
        var env = Args.Env(args).ToDictionary(e => e.Name, e => e.Value);
        // A build is started as MonitorApp starts it: a native executable directly, a JIT or ReadyToRun build by dotnet.
        var apps = new List<(string FileName, string[] Prefix)> { MonitorApp.Command(args) };
        if (Args.String(args, "--app2") is { } second) apps.Add(MonitorApp.Command(["--app", second]));

        Console.WriteLine($"load average before: {MachineInfo.LoadAverage()}");
        var documents = Rss2EmailScenario.FeedDocuments(feeds, perFeed);
        await using var host = await FeedHost.StartAsync(documents, ct, TimeSpan.FromMilliseconds(latencyMs), hosts);
        await using var sink = new SmtpSink();
        await WarmFeedServerAsync(host, feeds, ct);
        var configs = apps.Select(_ => Rss2EmailScenario.Configure(new BenchConfig(), host, sink, feeds, fetchConcurrency: 0)).ToList();
        try
        {
            var results = apps.Select(_ => new List<TimedProcess.Result>()).ToList();
            for (var round = 0; round <= rounds; round++)
            {
                for (var a = 0; a < apps.Count; a++)
                {
                    var r = await TimedProcess.RunAsync(apps[a].FileName, [.. apps[a].Prefix, "once", "--config", configs[a].FilePath], configs[a].Folder, env, TimeSpan.FromMinutes(10), ct);
                    var what = round == 0 ? "first run" : $"unchanged {round}";
                    Console.WriteLine($"{what,-12} app{a + 1} exit {r.ExitCode} wall {r.WallSeconds:F2} s cpu {r.CpuSeconds:F2} s peak {r.PeakMiB:F0} MiB  load {MachineInfo.LoadAverage()}");
                    if (r.ExitCode != 0) Console.WriteLine("stderr: " + r.StdErr[..Math.Min(2000, r.StdErr.Length)]);
                    else if (env.ContainsKey("MONITOR_TRACE_PHASES"))
                        foreach (var line in r.StdErr.Split('\n').Where(l => l.StartsWith("phase ", StringComparison.Ordinal)))
                            Console.WriteLine("  " + line);
                    if (round > 0) results[a].Add(r);
                }
            }
            for (var a = 0; a < apps.Count; a++)
            {
                var walls = results[a].Select(r => r.WallSeconds).Order().ToList();
                var cpus = results[a].Select(r => r.CpuSeconds).Order().ToList();
                if (walls.Count > 0)
                    Console.WriteLine($"app{a + 1} {string.Join(' ', [apps[a].FileName, .. apps[a].Prefix])}: unchanged feeds, median wall {walls[walls.Count / 2]:F2} s (min {walls[0]:F2}), median CPU {cpus[cpus.Count / 2]:F2} s (min {cpus[0]:F2}), {walls.Count} runs");
            }
            Console.WriteLine($"load average after: {MachineInfo.LoadAverage()}");
            if (hold > 0)
            {
                for (var a = 0; a < apps.Count; a++) Console.WriteLine($"app{a + 1} configuration: {configs[a].FilePath}");
                Console.WriteLine($"holding the feed server for {hold} s");
                await Task.Delay(TimeSpan.FromSeconds(hold), ct);
            }
            return 0;
        }
        finally
        {
            foreach (var c in configs) c.Dispose();
        }
    }

    /// <summary>
    /// Every feed fetched once before the first run. The feed server runs in this (JIT) process: its first requests
    /// compile its code and took the first poll from 0.2 to 0.43 s. In the rss2email scenario rss2email's run comes
    /// first and does this, so without it the first run here would measure the server, not `monitor once`.
    /// </summary>
    private static async Task WarmFeedServerAsync(FeedHost host, int feeds, CancellationToken ct)
    {
        using var http = new HttpClient();
        await Parallel.ForEachAsync(Enumerable.Range(0, feeds), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (f, token) => (await http.GetAsync(host.FeedUrl(f), token)).EnsureSuccessStatusCode());
    }
}
