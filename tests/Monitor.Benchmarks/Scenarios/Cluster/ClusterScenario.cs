using Monitor.Benchmarks.Support;
using Monitor.Tests.Shared;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Monitor.Benchmarks.Scenarios.Cluster;

/// <summary>
/// Throughput of a Quartz cluster on this machine: sources fetched per minute and digests sent per minute with 1, 2
/// and 3 `monitor run` workers sharing one PostgreSQL. Every poll is a full fetch with one new entry; every subscriber
/// is "immediate" (one digest a minute when there is news). Each worker count gets a fresh database, a warm-up, then a
/// measured window.
///   dotnet run -c Release --project tests/Monitor.Benchmarks -- cluster [--feeds 120] [--subscribers 60]
///       [--interval 5] [--warmup 20] [--window 60] [--workers 1,2,3]
/// </summary>
public sealed class ClusterScenario : IScenario
{
    public string Name => "cluster";
    public string Description => "sources fetched and digests sent per minute with 1, 2, 3 clustered workers on PostgreSQL";

    public async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        int feeds = Arg(args, "--feeds", 120), subscribers = Arg(args, "--subscribers", 60), interval = Arg(args, "--interval", 5);
        int warmup = Arg(args, "--warmup", 20), window = Arg(args, "--window", 60);
        var counts = (Value(args, "--workers") ?? "1,2,3").Split(',').Select(int.Parse).ToList();

        await using var postgres = await PostgresCluster.StartAsync(BenchPostgres.ServerSettings, BenchPostgres.ClientSettings);
        await using var server = await BenchFeeds.StartAsync(feeds);
        await using var smtp = new SmtpSink();
        var results = new List<object>();
        Console.WriteLine($"{feeds} feeds polled every {interval}s (one new entry per poll), {subscribers} immediate subscribers, " +
                          $"{Environment.ProcessorCount} cores; warm-up {warmup}s, window {window}s");
        Console.WriteLine("workers  fetches/min  digests/min");
        foreach (var workers in counts)
        {
            var connection = await postgres.CreateDatabaseAsync($"cluster_{workers}_{Guid.NewGuid():N}");
            var folder = Directory.CreateTempSubdirectory("monitor-bench-").FullName;
            var config = WriteConfig(folder, server, feeds, subscribers, interval, smtp.Port);
            var processes = Enumerable.Range(0, workers).Select(_ => StartWorker(config, connection)).ToList();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(warmup), ct);
                var (fetched0, sent0) = (server.Requests, smtp.Messages);
                await Task.Delay(TimeSpan.FromSeconds(window), ct);
                var perMinute = 60.0 / window;
                var fetches = (server.Requests - fetched0) * perMinute;
                var digests = (smtp.Messages - sent0) * perMinute;
                Console.WriteLine($"{workers,7}  {fetches,11:F0}  {digests,11:F0}");
                results.Add(new { workers, fetchesPerMinute = fetches, digestsPerMinute = digests });
            }
            finally
            {
                foreach (var p in processes) { try { p.Kill(entireProcessTree: true); p.WaitForExit(10_000); } catch (InvalidOperationException) { } p.Dispose(); }
                Directory.Delete(folder, recursive: true);
            }
        }
        var path = ScenarioRunner.WriteJson("cluster", new { feeds, subscribers, intervalSeconds = interval, warmupSeconds = warmup, windowSeconds = window, cores = Environment.ProcessorCount, results });
        Console.WriteLine($"written {path}");
        return 0;
    }

    private static string WriteConfig(string folder, BenchFeeds server, int feeds, int subscribers, int interval, int smtpPort)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(ScenarioRunner.FindRepoRoot(), "appsettings.json")))!.AsObject();
        var monitor = root["Monitor"]!.AsObject();
        monitor["DataFolder"] = "data";
        monitor["Web"] = new JsonObject { ["Enabled"] = false };
        var every = TimeSpan.FromSeconds(interval).ToString("c", CultureInfo.InvariantCulture);
        monitor["Fetch"] = new JsonObject { ["MinPollInterval"] = every, ["MaxPollInterval"] = every };
        var sources = new JsonArray();
        for (var i = 0; i < feeds; i++)
            sources.Add(new JsonObject { ["Id"] = $"f{i}", ["Name"] = $"Feed {i}", ["Url"] = server.Url(i).ToString(), ["Type"] = "feed", ["Interval"] = every });
        monitor["Sources"] = sources;
        var people = new JsonArray();
        for (var i = 0; i < subscribers; i++)
            people.Add(new JsonObject { ["Email"] = $"s{i}@bench.invalid", ["Name"] = $"S {i}", ["Frequency"] = "immediate", ["Language"] = "ar", ["TimeZone"] = "UTC" });
        monitor["Subscribers"] = people;
        var mail = monitor["Mail"]!.AsObject();
        mail["Transport"] = "smtp";
        mail["Host"] = "127.0.0.1";
        mail["Port"] = smtpPort;
        mail["Security"] = "none";
        mail["MessagesPerMinute"] = 100_000;
        var path = Path.Combine(folder, "appsettings.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    private static Process StartWorker(string config, string connection)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "monitor.dll"), "run", "--config", config }) psi.ArgumentList.Add(a);
        psi.Environment["Monitor__Storage__Provider"] = "postgres";
        psi.Environment["Monitor__Storage__ConnectionString"] = connection;
        var p = Process.Start(psi)!;
        // Drain the logs so a full pipe never blocks a worker; show failures.
        DataReceivedEventHandler show = (_, e) => { if (e.Data is { } line && (line.Contains("fail:", StringComparison.Ordinal) || line.Contains("error", StringComparison.OrdinalIgnoreCase))) Console.Error.WriteLine(line); };
        p.OutputDataReceived += show;
        p.ErrorDataReceived += show;
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Arg(string[] args, string name, int fallback) =>
        Value(args, name) is { } v && int.TryParse(v, out var n) && n > 0 ? n : fallback;
}
