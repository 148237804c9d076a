using System.Diagnostics;
using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;

namespace Monitor.Benchmarks.Scenarios;

/// <summary>
/// Ingest into the store and candidate lookups as history grows: items/s between checkpoints, lookup latency
/// (p50/p99) at each checkpoint, peak memory. SQLite always; PostgreSQL too with --postgres CONNSTR (an empty database).
/// Each item gets its own story and 16 random band keys; half the lookups use the keys of a recent item (hits), half
/// random keys (misses), with a 7-day window over items published ~2.6 s apart.
/// </summary>
public sealed class StoreScenario : IScenario
{
    public string Name => "store";
    public string Description => "store ingest items/s and candidate lookup µs at 10k/100k/1M items [--measured 10000] [--items N] [--bands 16] [--lookups 2000] [--postgres CONNSTR]";

    private static int BandsPerItem = 16;
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    public async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var total = IntArg(args, "--items", 1_000_000);
        var lookups = IntArg(args, "--lookups", 2_000);
        var postgres = StringArg(args, "--postgres");
        BandsPerItem = IntArg(args, "--bands", 16);
        // At each checkpoint the last `measured` items go through SaveItemAsync (timed); SQLite's earlier ones are bulk-filled.
        var measured = IntArg(args, "--measured", 10_000);
        var checkpoints = new[] { 10_000, 100_000, 1_000_000 }.Where(c => c < total).Append(total).ToArray();

        var results = new List<object>();
        var folder = Path.Combine(Path.GetTempPath(), "monitor-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var sqlite = StoreFactory.Create(new StorageOptions { Provider = "sqlite" }, new MonitorPaths(Path.Combine(folder, "x.json"), folder));
            results.AddRange(await MeasureAsync("sqlite", sqlite, checkpoints, lookups, measured, Path.Combine(folder, "monitor.db"), ct));
            if (postgres is not null)
            {
                var pg = StoreFactory.Create(new StorageOptions { Provider = "postgres", ConnectionString = postgres }, new MonitorPaths("/x.json", "/"));
                results.AddRange(await MeasureAsync("postgres", pg, checkpoints, lookups, measured, bulkFile: null, ct));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024);
        Console.WriteLine($"process peak working set: {peakMb:F0} MiB");
        var path = ScenarioRunner.WriteJson("store", new { results, peakWorkingSetMiB = Math.Round(peakMb), machine = Machine() });
        Console.WriteLine($"written {path}");
        return 0;
    }

    private static async Task<List<object>> MeasureAsync(string provider, IMonitorStore store, int[] checkpoints, int lookups,
        int measured, string? bulkFile, CancellationToken ct)
    {
        var rows = new List<object>();
        var random = new Random(20260601);
        var recentKeys = new long[1024][];
        await store.MigrateAsync(ct);
        Console.WriteLine($"{provider,-9} {"stored",9} {"ingest items/s",15} {"lookup p50 µs",14} {"p99 µs",9} {"hits avg",9} {"items/cpu-s",12} {"batch50 items/s",16}");
        var stored = 0;
        foreach (var checkpoint in checkpoints)
        {
            if (bulkFile is not null && checkpoint - measured > stored)
            {
                var bulkTo = checkpoint - measured;
                StoreBulkFill.Fill(bulkFile, Enumerable.Range(stored, bulkTo - stored).Select(n => MakeItem(n, RandomKeys(random))));
                stored = bulkTo;
            }
            var watch = Stopwatch.StartNew();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var from = stored;
            // First half: one SaveItemAsync (one transaction) per item. Second half: SaveItemsAsync, 50 per transaction
            // (a poll's worth of new items).
            var half = from + (checkpoint - from) / 2;
            for (; stored < half; stored++)
            {
                var keys = RandomKeys(random);
                recentKeys[stored % recentKeys.Length] = keys;
                await store.SaveItemAsync(MakeItem(stored, keys), new StoryAssignment(), ct);
            }
            var rate = (stored - from) / watch.Elapsed.TotalSeconds;
            // Per CPU-second too: on a shared, loaded machine wall time mostly measures the neighbours.
            var cpuRate = (stored - from) / (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            watch.Restart();
            var batchFrom = stored;
            while (stored < checkpoint)
            {
                var batch = new List<(NewItem, StoryAssignment)>(50);
                for (; stored < checkpoint && batch.Count < 50; stored++)
                {
                    var keys = RandomKeys(random);
                    recentKeys[stored % recentKeys.Length] = keys;
                    batch.Add((MakeItem(stored, keys), new StoryAssignment()));
                }
                await ((IItemBatchStore)store).SaveItemsAsync(batch, ct);
            }
            var batchRate = (stored - batchFrom) / watch.Elapsed.TotalSeconds;

            var latest = Start.AddMilliseconds(2_600.0 * stored);
            var times = new double[lookups];
            long hits = 0;
            for (var i = 0; i < lookups; i++)
            {
                long[] keys;
                if (i % 2 == 0) keys = recentKeys[random.Next(Math.Min(stored, recentKeys.Length))];
                else keys = RandomKeys(random);
                var t = Stopwatch.GetTimestamp();
                var found = await store.FindCandidatesAsync(keys, latest.AddDays(-7), ct);
                times[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
                hits += found.Count;
            }
            Array.Sort(times);
            var p50 = times[times.Length / 2];
            var p99 = times[(int)(times.Length * 0.99)];
            Console.WriteLine($"{provider,-9} {stored,9:N0} {rate,15:N0} {p50,14:N0} {p99,9:N0} {hits / (double)lookups,9:F2} {cpuRate,12:N0} {batchRate,16:N0}");
            rows.Add(new { provider, stored, ingestItemsPerSecond = Math.Round(rate), ingestItemsPerCpuSecond = Math.Round(cpuRate), batch50ItemsPerSecond = Math.Round(batchRate), lookupP50Us = Math.Round(p50, 1), lookupP99Us = Math.Round(p99, 1) });
        }
        if (store is IAsyncDisposable d) await d.DisposeAsync();
        return rows;
    }

    private static long[] RandomKeys(Random random)
    {
        var keys = new long[BandsPerItem];
        for (var k = 0; k < keys.Length; k++) keys[k] = random.NextInt64();
        return keys;
    }

    private static NewItem MakeItem(int n, long[] keys)
    {
        var published = Start.AddMilliseconds(2_600.0 * n);
        var title = $"بيان الائتلاف الوطني رقم {n}";
        return new NewItem
        {
            SourceId = "source-" + (n % 40), Guid = "urn:item:" + n, Link = $"https://example.org/news/{n}", Title = title,
            Text = string.Concat(Enumerable.Repeat("أكد الائتلاف الوطني السوري في بيان اليوم على ضرورة الحل السياسي. ", 8)) + n,
            Published = published, FetchedAt = published.AddMinutes(3), ContentHash = "h" + n.ToString("x8"),
            Signature = new uint[128], ShingleCount = 90, BandKeys = keys,
        };
    }

    private static string Machine() =>
        $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}";

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }

    private static string? StringArg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
