using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Benchmarks.Support;
using Monitor.Benchmarks.Workload;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;

namespace Monitor.Benchmarks.Scenarios;

/// <summary>
/// One poll cycle over many feeds served on loopback by an in-process Kestrel server (ETag, 304): the real
/// HttpFeedFetcher + FeedParser through FeedReader alone (fetch and parse), then a full cycle through CycleRunner
/// (fetch, parse, ingest into SQLite) with 200s, then the same cycle again, answered with 304s.
/// </summary>
public sealed class PollScenario : IScenario
{
    public string Name => "poll";
    public string Description => "one poll cycle over N loopback feeds: wall and CPU, 200s then 304s [--feeds 5000] [--items-per-feed 2] [--concurrency 16]";

    public async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var feeds = Args.Int(args, "--feeds", 5_000);
        var perFeed = Args.Int(args, "--items-per-feed", 2);
        var concurrency = Args.Int(args, "--concurrency", 16);
        Console.WriteLine($"load average before: {MachineInfo.LoadAverage()}");

        var articles = new ArticleWorkload().Generate(feeds * perFeed, seed: 11, DateTimeOffset.UtcNow.AddHours(-6), TimeSpan.FromMilliseconds(300)).ToList();
        var documents = Enumerable.Range(0, feeds)
            .Select(f => FeedXml.Rss($"منفذ {f}", $"https://news{f}.example/", articles.Skip(f * perFeed).Take(perFeed)))
            .ToList();
        var totalMiB = documents.Sum(d => (long)d.Length) / (1024.0 * 1024);
        await using var host = await FeedHost.StartAsync(documents, ct);

        using var config = new BenchConfig();
        config.Monitor["Fetch"]!["MaxConcurrency"] = concurrency;
        config.Monitor["Fetch"]!["PerHostConcurrency"] = concurrency;
        for (var f = 0; f < feeds; f++) config.AddSource($"feed{f}", $"منفذ {f}", host.FeedUrl(f));
        config.Write();
        await using var services = config.BuildServices();
        await services.GetRequiredService<StoreSeeder>().SeedAsync(ct);
        var sources = await services.GetRequiredService<ISourceStore>().ListSourcesAsync(ct);

        var rows = new List<Row>();
        // Fetch and parse only: what polling costs before the store is involved.
        var reader = services.GetRequiredService<FeedReader>();
        rows.Add(await MeasureAsync("fetch+parse, 200s", host, async () =>
        {
            var gate = new SemaphoreSlim(concurrency);
            var results = await Task.WhenAll(sources.Select(async s =>
            {
                await gate.WaitAsync(ct);
                try { return await reader.ReadAsync(s, conditional: false, blockPrivate: false, DateTimeOffset.UtcNow, ct); }
                finally { gate.Release(); }
            }));
            return (results.Sum(r => r.Parse?.Document?.Entries.Count ?? 0), results.Count(r => r.Error is not null));
        }));

        var cycle = services.GetRequiredService<CycleRunner>();
        foreach (var label in new[] { "cycle with ingest, 200s", "cycle, 304s" })
            rows.Add(await MeasureAsync(label, host, async () =>
            {
                var summary = await cycle.RunAsync(force: false, ct);
                return (summary.Polls.Sum(p => p.NewItems), summary.Polls.Count(p => p.Failed));
            }));

        Console.WriteLine($"{feeds:N0} feeds, {perFeed} items each, {totalMiB:F1} MiB of XML, concurrency {concurrency}");
        Console.WriteLine($"{"run",-26} {"wall s",8} {"cpu s",8} {"feeds/s",9} {"200",6} {"304",6} {"items",7} {"failed",7} {"peak MiB",9}");
        foreach (var r in rows)
            Console.WriteLine($"{r.Run,-26} {r.WallSeconds,8:F2} {r.CpuSeconds,8:F2} {r.FeedsPerSecond,9:N0} {r.Ok,6} {r.NotModified,6} {r.Items,7:N0} {r.Failed,7} {r.PeakMiB,9:N0}");
        Console.WriteLine($"load average after: {MachineInfo.LoadAverage()}");
        Console.WriteLine($"written {ScenarioRunner.WriteJson("poll", new { feeds, itemsPerFeed = perFeed, xmlMiB = Math.Round(totalMiB, 1), concurrency, rows, machine = MachineInfo.Describe() })}");
        return rows.Any(r => r.Failed > 0) ? 1 : 0;
    }

    public sealed record Row(string Run, double WallSeconds, double CpuSeconds, double FeedsPerSecond, int Ok, int NotModified, int Items, int Failed, double PeakMiB);

    private static async Task<Row> MeasureAsync(string run, FeedHost host, Func<Task<(int Items, int Failed)>> body)
    {
        var ok = host.Ok;
        var notModified = host.NotModified;
        var cpu = MachineInfo.SelfCpu();
        var watch = Stopwatch.StartNew();
        var (items, failed) = await body();
        var wall = watch.Elapsed.TotalSeconds;
        // The feed server runs in this process too: its share of the CPU is in the figure (stated in docs/performance.md).
        var cpuSeconds = (MachineInfo.SelfCpu() - cpu).TotalSeconds;
        var served = host.Ok - ok + host.NotModified - notModified;
        return new Row(run, Math.Round(wall, 2), Math.Round(cpuSeconds, 2), Math.Round(served / wall), host.Ok - ok, host.NotModified - notModified,
            items, failed, Math.Round(MachineInfo.SelfPeakMiB()));
    }
}
