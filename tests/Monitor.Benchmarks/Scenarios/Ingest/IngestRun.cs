using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Benchmarks.Support;
using Monitor.Benchmarks.Workload;
using Monitor.Core.Feeds;
using Monitor.Worker.Configuration;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;

namespace Monitor.Benchmarks.Scenarios.Ingest;

/// <summary>
/// One provider's ingest measurement: a store with <c>stored</c> items of history, then generated articles through
/// the real <see cref="ItemIngestor"/> (resolved from the commands' DI registration) by <c>parallel</c> workers, as
/// concurrent polls of different sources would; then a single-threaded stage profile on further articles.
/// </summary>
internal static class IngestRun
{
    public const int Sources = 50;

    public sealed record Result(
        string Provider, int Stored, double FillSeconds, int Articles, int Parallel, int PerPoll, double Seconds, double ArticlesPerSecond,
        double ArticlesPerCpuSecond, int NewStories, int Joined, int Duplicates, int Statements, double AllocatedKiBPerArticle,
        int Gen2Collections, double PeakWorkingSetMiB, IngestProfiler.StageTimes Profile, ProcessCpuBreakdown.Summary CpuBreakdown);

    public static async Task<Result> RunAsync(string provider, string? postgres, int stored, int articles, int parallel, int profiled,
        int perPoll, ArticleWorkload workload, CancellationToken ct)
    {
        using var config = new BenchConfig();
        for (var s = 0; s < Sources; s++) config.AddSource("news" + s, "منفذ إخباري " + s, $"https://news{s}.example/feed", primary: s == 0);
        if (postgres is not null) config.UsePostgres(postgres);
        config.Write();
        await using var services = config.BuildServices();
        await services.GetRequiredService<StoreSeeder>().SeedAsync(ct);
        var store = services.GetRequiredService<IMonitorStore>();
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_000);

        var fillWatch = Stopwatch.StartNew();
        var sqliteFile = postgres is null ? Path.Combine(config.DataFolder, "monitor.db") : null;
        await HistoryFill.FillAsync(store, sqliteFile, stored, Sources, start, ct);
        var fillSeconds = fillWatch.Elapsed.TotalSeconds;
        Console.WriteLine($"  {provider}: {stored:N0} items of history in {fillSeconds:F0} s");
        await PrepareCandidateIndexAsync(provider, store, start - services.GetRequiredService<IOptions<MonitorOptions>>().Value.Dedup.CandidateWindow, ct);

        var sourceRecords = (await store.ListSourcesAsync(ct)).OrderBy(s => int.Parse(s.Id[4..])).ToList();
        var generated = workload.Generate(articles + profiled, seed: 7, start, TimeSpan.FromSeconds(2), firstNumber: 0).ToList();
        var work = generated.Select(a => (Source: sourceRecords[(int)(a.Number % Sources)], Entry: ToEntry(a))).ToList();
        var measured = work.Take(articles).ToList();
        var polls = Polls(measured, perPoll);

        var ingestor = services.GetRequiredService<ItemIngestor>();
        int added = 0, joined = 0, duplicates = 0, failed = 0, next = -1;
        GC.Collect();
        var gen2Before = GC.CollectionCount(2);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = MachineInfo.SelfCpu();
        var breakdown = ProcessCpuBreakdown.Start();
        if (provider != "warm-up") PerfControl.Enable();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < polls.Count)
            {
                var poll = polls[i];
                var entries = poll.Select(p => p.Entry).ToList();
                var results = await ingestor.IngestBatchAsync(poll[0].Source, entries, trustGuids: true, entries[^1].Published!.Value, ct);
                foreach (var r in results)
                    switch (r.Error is null ? r.Outcome : (IngestOutcome?)null)
                    {
                        case null: Interlocked.Increment(ref failed); break;
                        case IngestOutcome.NewStory: Interlocked.Increment(ref added); break;
                        case IngestOutcome.JoinedStory: Interlocked.Increment(ref joined); break;
                        default: Interlocked.Increment(ref duplicates); break;
                    }
            }
        }, ct)));
        var seconds = watch.Elapsed.TotalSeconds;
        if (provider != "warm-up") PerfControl.Disable();
        var cpu = (MachineInfo.SelfCpu() - cpuBefore).TotalSeconds;
        var cpuBreakdown = breakdown.Stop();
        Console.WriteLine($"  {provider}: measured run {seconds:F2} s, {cpu:F2} CPU-s; {cpuBreakdown.Describe()}");
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var gen2 = GC.CollectionCount(2) - gen2Before;

        var dedup = services.GetRequiredService<IOptions<MonitorOptions>>().Value.Dedup;
        if (failed > 0) throw new InvalidOperationException($"{failed} entries failed to be stored");
        // The profile shares the ingestor's remembered shingles, as the service's next poll would.
        var profile = await IngestProfiler.RunAsync(store, services.GetRequiredService<TaggingRulesProvider>(), dedup,
            services.GetRequiredService<RecentShingles>(), Polls(work.Skip(articles).ToList(), perPoll), threadCpuValid: postgres is null, ct);
        return new Result(provider, stored, Math.Round(fillSeconds, 1), measured.Count, parallel, perPoll, Math.Round(seconds, 2),
            Math.Round(measured.Count / seconds), Math.Round(measured.Count / cpu), added, joined, duplicates,
            generated.Take(articles).Select(a => a.StatementId).Distinct().Count(),
            Math.Round(allocated / 1024.0 / measured.Count, 1), gen2, Math.Round(MachineInfo.SelfPeakMiB()), profile, cpuBreakdown);
    }

    /// <summary>
    /// What the service's hourly maintenance does (keys older than the window leave the candidate index), then one lookup,
    /// timed: on SQLite it builds the in-memory index from the file, as a restarted service's first lookup does.
    /// </summary>
    private static async Task PrepareCandidateIndexAsync(string provider, IMonitorStore store, DateTimeOffset windowStart, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var pruned = await ((IStoreMaintenance)store).PruneCandidateIndexAsync(windowStart, ct);
        var pruneSeconds = watch.Elapsed.TotalSeconds;
        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        watch.Restart();
        var cpu = MachineInfo.SelfCpu();
        await store.FindCandidateSignaturesAsync([1L], windowStart, ct);
        var loadSeconds = watch.Elapsed.TotalSeconds;
        var loadCpu = (MachineInfo.SelfCpu() - cpu).TotalSeconds;
        GC.Collect();
        var grew = (Process.GetCurrentProcess().WorkingSet64 - before) / (1024.0 * 1024);
        var (items, bytes) = store is Monitor.Worker.Storage.Sql.SqlMonitorStore sql ? sql.CandidateIndexSize : (0, 0L);
        Console.WriteLine($"  {provider}: pruned {pruned:N0} band keys older than the window in {pruneSeconds:F1} s; first lookup {loadSeconds:F2} s " +
                          $"({loadCpu:F2} CPU-s); in-memory index {items:N0} items, {bytes / 1048576.0:F0} MiB " +
                          $"({(items > 0 ? bytes / (double)items : 0):F0} bytes per item), working set +{grew:F0} MiB");
    }

    /// <summary>
    /// The articles as polls: each run of <see cref="Sources"/> × <paramref name="perPoll"/> consecutive articles is one
    /// poll of every source, bringing that source's articles of the run (oldest first), as a cycle over 50 feeds with
    /// about <paramref name="perPoll"/> new entries each would. With 1, every article is its own poll (and transaction).
    /// </summary>
    public static List<List<(SourceRecord Source, FeedEntry Entry)>> Polls(List<(SourceRecord Source, FeedEntry Entry)> work, int perPoll) =>
        work.Chunk(Sources * perPoll)
            .SelectMany(run => run.GroupBy(w => w.Source.Id).Select(g => g.ToList()))
            .ToList();

    private static FeedEntry ToEntry(GeneratedArticle a) => new()
    {
        Id = a.Guid, Link = a.Link, Title = a.Title, Text = a.Text, Published = a.Published,
    };
}
