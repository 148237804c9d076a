using Monitor.Benchmarks.Scenarios.Ingest;
using Monitor.Benchmarks.Support;
using Monitor.Tests.Shared;
using Monitor.Benchmarks.Workload;

namespace Monitor.Benchmarks.Scenarios;

/// <summary>
/// End-to-end ingest (fingerprint, tag, exact and near-duplicate lookup, judge, save) through the real ItemIngestor into
/// SQLite with a large history, and into PostgreSQL with --postgres CONNSTR or --pg (a private cluster started here).
/// </summary>
public sealed class IngestScenario : IScenario
{
    public string Name => "ingest";
    public string Description => "articles/s through ItemIngestor into SQLite (and PostgreSQL) with N stored [--stored 1000000] [--articles 20000] [--parallel 2] [--profile 2000] [--per-poll 20] [--pg] [--postgres CONNSTR] [--pg-stored 100000] [--warmup 0]";

    public async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var stored = Args.Int(args, "--stored", 1_000_000);
        var articles = Args.Int(args, "--articles", 20_000);
        var parallel = Args.Int(args, "--parallel", 2);
        var profiled = Args.Int(args, "--profile", 2_000);
        var pgStored = Args.Int(args, "--pg-stored", 100_000);
        var perPoll = Args.Int(args, "--per-poll", 20);
        var warmup = Args.Int(args, "--warmup", 0);
        var workload = new ArticleWorkload();
        Console.WriteLine($"workload: {workload.SentencePool} distinct seed sentences in the body pool");
        Console.WriteLine($"load average before: {MachineInfo.LoadAverage()}");

        if (warmup > 0)
        {
            // A running service has long compiled its hot code when it ingests; a cold process spends a third of its
            // CPU in the first seconds on the JIT (tier-up, instrumented code). The same path on a throwaway store
            // first, so the measured run below is the steady state (its own store and stories are untouched).
            Console.WriteLine($"warm-up: {warmup:N0} articles into a separate store of {Math.Min(stored, 20_000):N0}");
            await IngestRun.RunAsync("warm-up", null, Math.Min(stored, 20_000), warmup, parallel, 0, perPoll, workload, ct);
        }
        var results = new List<IngestRun.Result> { await IngestRun.RunAsync("sqlite", null, stored, articles, parallel, profiled, perPoll, workload, ct) };
        PostgresCluster? cluster = null;
        try
        {
            var pg = Args.String(args, "--postgres");
            if (pg is null && Args.Flag(args, "--pg"))
            {
                if (PostgresCluster.FindBinaries() is null) Console.WriteLine("  postgres: server binaries not installed; skipped");
                else
                {
                    cluster = await PostgresCluster.StartAsync(BenchPostgres.ServerSettings, BenchPostgres.ClientSettings);
                    pg = await cluster.CreateDatabaseAsync("bench_ingest");
                }
            }
            if (pg is not null) results.Add(await IngestRun.RunAsync("postgres", pg, pgStored, articles, parallel, profiled, perPoll, workload, ct));
        }
        finally
        {
            if (cluster is not null) await cluster.DisposeAsync();
        }

        Console.WriteLine();
        Console.WriteLine($"{"provider",-9} {"stored",10} {"articles",9} {"par",4} {"/poll",5} {"art/s",8} {"art/cpu-s",10} {"new",7} {"joined",7} {"dup",5} {"stmts",6} {"KiB/art",8} {"gen2",5} {"peak MiB",9}");
        foreach (var r in results)
            Console.WriteLine($"{r.Provider,-9} {r.Stored,10:N0} {r.Articles,9:N0} {r.Parallel,4} {r.PerPoll,5} {r.ArticlesPerSecond,8:N0} {r.ArticlesPerCpuSecond,10:N0} {r.NewStories,7:N0} {r.Joined,7:N0} {r.Duplicates,5:N0} {r.Statements,6:N0} {r.AllocatedKiBPerArticle,8:N1} {r.Gen2Collections,5} {r.PeakWorkingSetMiB,9:N0}");
        Console.WriteLine();
        Console.WriteLine("stage profile (single-threaded, one batch save per poll, mean µs per article: wall / this thread's CPU):");
        foreach (var r in results)
            Console.WriteLine($"  {r.Provider,-9} " + string.Join("  ", r.Profile.MeanMicroseconds.Select(kv => $"{kv.Key} {kv.Value:N0}/" + (r.Profile.MeanCpuMicroseconds.TryGetValue(kv.Key, out var c) ? $"{c:N0}" : "n/a")))
                + $"  | candidate lookup p50 {r.Profile.CandidateP50Us:N0} p99 {r.Profile.CandidateP99Us:N0} µs, {r.Profile.MeanCandidates:N1} candidates");
        Console.WriteLine("allocated in each stage (KiB per article, same profile):");
        foreach (var r in results)
            Console.WriteLine($"  {r.Provider,-9} " + (r.Profile.MeanAllocatedKiB.Count == 0
                ? "n/a (counted per thread; this store's calls continue on other threads)"
                : string.Join("  ", r.Profile.MeanAllocatedKiB.Select(kv => $"{kv.Key} {kv.Value:N1}"))));
        Console.WriteLine($"load average after: {MachineInfo.LoadAverage()}");
        Console.WriteLine($"written {ScenarioRunner.WriteJson("ingest", new { results, machine = MachineInfo.Describe() })}");
        return 0;
    }
}
