using System.Diagnostics;
using System.Security;
using Microsoft.Extensions.DependencyInjection;
using System.Text;
using Monitor.Benchmarks.Support;
using Monitor.Benchmarks.Workload;
using Monitor.Worker.Pipeline;

namespace Monitor.Benchmarks.Scenarios;

/// <summary>
/// Feeds to email end to end, side by side: Debian's rss2email (`r2e run`, its own configuration and data file in a temp
/// folder) and our `monitor once` (the real executable with a generated configuration), both reading the same N
/// loopback feeds from one in-process server and sending to the same in-process SMTP sink, each timed as a process
/// from start to exit (GNU time: wall, CPU, peak RSS). rss2email mails every entry separately (one SMTP connection
/// each); Monitor dedups the entries into stories and mails one digest to its one subscriber: the work asked of both
/// is "these feeds' new entries into the reader's mailbox".
/// Then both run a second time on the same, unchanged feeds: what a cron job or the service's next poll does most of
/// the day. With --latency-ms and --hosts the feeds behave like distant publishers (each response delayed, feeds spread
/// over that many host names), which is the case both tools are built for; the default is bare loopback.
/// A third row is the service as it runs day to day: the same cycle (`CycleRunner`: poll, ingest, digests, mail) in a
/// process that stays up, so the second round is a warm cycle with no process start; its CPU figure includes this
/// process's feed server and SMTP sink, so it is pessimistic.
/// </summary>
public sealed class Rss2EmailScenario : IScenario
{
    public string Name => "rss2email";
    public string Description => "end to end vs rss2email on the same loopback feeds and SMTP sink [--feeds 100] [--items-per-feed 5] [--latency-ms 0] [--hosts 1] [--fetch-concurrency N] [--app DIR]";

    public async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var feeds = Args.Int(args, "--feeds", 100);
        var perFeed = Args.Int(args, "--items-per-feed", 5);
        var latencyMs = Args.Int(args, "--latency-ms", 0);
        var hosts = Args.Int(args, "--hosts", 1);
        // Fetch:MaxConcurrency for our runs; 0 keeps the shipped default (the per-host limit stays the shipped one).
        var fetchConcurrency = Args.Int(args, "--fetch-concurrency", 0);
        if (!File.Exists("/usr/bin/r2e"))
        {
            Console.Error.WriteLine("rss2email is not installed: apt-get install -y rss2email");
            return 2;
        }
        Console.WriteLine($"load average before: {MachineInfo.LoadAverage()}");
        var documents = Rss2EmailScenario.FeedDocuments(feeds, perFeed);
        await using var host = await FeedHost.StartAsync(documents, ct, TimeSpan.FromMilliseconds(latencyMs), hosts);
        await using var sink = new SmtpSink();
        var r2eFolder = Directory.CreateTempSubdirectory("monitor-bench-r2e-").FullName;
        using var ourConfig = new BenchConfig();
        using var serviceConfig = new BenchConfig();
        ServiceProvider? service = null;
        try
        {
            var rounds = new List<Round>();
            foreach (var round in new[] { "first run", "second run" })
            {
                var (messages, notModified) = (sink.Messages, host.NotModified);
                var r2e = await RunRss2EmailAsync(host, sink, feeds, r2eFolder, firstRun: rounds.Count == 0, ct);
                var (r2eMessages, r2e304) = (sink.Messages - messages, host.NotModified - notModified);
                (messages, notModified) = (sink.Messages, host.NotModified);
                var ours = await RunMonitorAsync(MonitorApp.Command(args), host, sink, feeds, fetchConcurrency, ourConfig, firstRun: rounds.Count == 0, ct);
                var (ourMessages, our304) = (sink.Messages - messages, host.NotModified - notModified);
                (messages, notModified) = (sink.Messages, host.NotModified);
                service ??= await StartServiceAsync(host, sink, feeds, fetchConcurrency, serviceConfig, ct);
                var cycle = await RunServiceCycleAsync(service, ct);
                rounds.Add(new Round(round, r2e, r2eMessages, r2e304, ours, ourMessages, our304,
                    cycle, sink.Messages - messages, host.NotModified - notModified));
            }
            var where = latencyMs > 0 ? $"{hosts} loopback hosts answering after {latencyMs} ms" : $"{hosts} loopback host(s), no added latency";
            var concurrency = fetchConcurrency > 0 ? $"Fetch:MaxConcurrency {fetchConcurrency}" : "shipped fetch concurrency";
            Console.WriteLine($"{feeds} feeds × {perFeed} entries, {where}, one SMTP sink, {concurrency}");
            Console.WriteLine($"{"round",-11} {"tool",-16} {"exit",5} {"wall s",8} {"cpu s",8} {"peak MiB",9} {"messages",9} {"304s",6}");
            foreach (var r in rounds)
            {
                Console.WriteLine($"{r.Name,-11} {"rss2email 3.13",-16} {r.Rss2Email.ExitCode,5} {r.Rss2Email.WallSeconds,8:F2} {r.Rss2Email.CpuSeconds,8:F2} {r.Rss2Email.PeakMiB,9:F0} {r.Rss2EmailMessages,9} {r.Rss2Email304,6}");
                Console.WriteLine($"{"",-11} {"monitor once",-16} {r.Monitor.ExitCode,5} {r.Monitor.WallSeconds,8:F2} {r.Monitor.CpuSeconds,8:F2} {r.Monitor.PeakMiB,9:F0} {r.MonitorMessages,9} {r.Monitor304,6}");
                Console.WriteLine($"{"",-11} {"service cycle",-16} {r.Service.ExitCode,5} {r.Service.WallSeconds,8:F2} {r.Service.CpuSeconds,8:F2} {r.Service.PeakMiB,9:F0} {r.ServiceMessages,9} {r.Service304,6}");
                Console.WriteLine($"{"",-11} ratio (rss2email / monitor once): wall {r.RatioWall:F1}×, CPU {r.RatioCpu:F1}×; (rss2email / service cycle): wall {r.ServiceRatioWall:F1}×");
                // With MONITOR_TRACE_PHASES set (inherited by the monitor), where our run's time went, phase by phase.
                foreach (var line in r.Monitor.StdErr.Split('\n').Where(l => l.StartsWith("phase ", StringComparison.Ordinal)))
                    Console.WriteLine("            " + line);
                if (r.Monitor.ExitCode != 0) Console.WriteLine("monitor stderr: " + r.Monitor.StdErr[..Math.Min(2000, r.Monitor.StdErr.Length)]);
                if (r.Rss2Email.ExitCode != 0) Console.WriteLine("r2e stderr: " + r.Rss2Email.StdErr[..Math.Min(2000, r.Rss2Email.StdErr.Length)]);
            }
            Console.WriteLine($"monitor build: {MonitorApp.Describe(args)}");
            Console.WriteLine($"load average after: {MachineInfo.LoadAverage()}");
            Console.WriteLine($"written {ScenarioRunner.WriteJson(latencyMs > 0 ? "rss2email-wan" : "rss2email", new
            {
                feeds, itemsPerFeed = perFeed, latencyMs, hosts, fetchConcurrency = fetchConcurrency > 0 ? fetchConcurrency : (int?)null, monitorBuild = MonitorApp.Describe(args),
                rounds = rounds.Select(r => new
                {
                    round = r.Name,
                    rss2email = new { r.Rss2Email.ExitCode, r.Rss2Email.WallSeconds, r.Rss2Email.CpuSeconds, r.Rss2Email.PeakMiB, messages = r.Rss2EmailMessages, notModified = r.Rss2Email304 },
                    monitor = new { r.Monitor.ExitCode, r.Monitor.WallSeconds, r.Monitor.CpuSeconds, r.Monitor.PeakMiB, messages = r.MonitorMessages, notModified = r.Monitor304 },
                    ratioWall = Math.Round(r.RatioWall, 1), ratioCpu = Math.Round(r.RatioCpu, 1),
                    service = new { r.Service.ExitCode, r.Service.WallSeconds, r.Service.CpuSeconds, r.Service.PeakMiB, messages = r.ServiceMessages, notModified = r.Service304 },
                    serviceRatioWall = Math.Round(r.ServiceRatioWall, 1),
                }),
                smtpServer = "in-process sink (SmtpSink)",
                machine = MachineInfo.Describe(),
            })}");
            return rounds.All(r => r.Rss2Email.ExitCode == 0 && r.Monitor.ExitCode == 0 && r.Service.ExitCode == 0) ? 0 : 1;
        }
        finally
        {
            if (service is not null) await service.DisposeAsync();
            Directory.Delete(r2eFolder, recursive: true);
        }
    }

    private static async Task<ServiceProvider> StartServiceAsync(FeedHost host, SmtpSink sink, int feeds, int fetchConcurrency, BenchConfig config, CancellationToken ct)
    {
        Configure(config, host, sink, feeds, fetchConcurrency);
        var services = config.BuildServices();
        await services.GetRequiredService<StoreSeeder>().SeedAsync(ct);
        return services;
    }

    /// <summary>The feeds both tools read: <paramref name="feeds"/> RSS documents of <paramref name="perFeed"/> generated
    /// Arabic articles each, the same for a seed (also used by the once-start scenario).</summary>
    internal static List<byte[]> FeedDocuments(int feeds, int perFeed)
    {
        var articles = new ArticleWorkload().Generate(feeds * perFeed, seed: 13, DateTimeOffset.UtcNow.AddHours(-6), TimeSpan.FromSeconds(20)).ToList();
        return Enumerable.Range(0, feeds)
            .Select(f => FeedXml.Rss($"منفذ {f}", $"https://news{f}.example/", articles.Skip(f * perFeed).Take(perFeed))).ToList();
    }

    /// <summary>The service's configuration for these feeds and this sink (also used by the once-start scenario).</summary>
    internal static BenchConfig Configure(BenchConfig config, FeedHost host, SmtpSink sink, int feeds, int fetchConcurrency)
    {
        // Feeds spread over several hosts stand for real publishers: the shipped limits, per host too. One host serving
        // every feed keeps the bench's own (per host = global), or the per-host limit alone would set the pace.
        if (host.Hosts > 1) config.UseShippedFetchLimits();
        if (fetchConcurrency > 0) config.Monitor["Fetch"]!["MaxConcurrency"] = fetchConcurrency;
        for (var f = 0; f < feeds; f++) config.AddSource($"feed{f}", $"منفذ {f}", host.FeedUrl(f));
        config.AddSubscriber("reader@example.org", "قارئ", "immediate");
        config.UseSmtp(sink.Port).Write();
        return config;
    }

    /// <summary>One cycle of the long-running service, timed like a process: wall, this process's CPU, peak.</summary>
    private static async Task<TimedProcess.Result> RunServiceCycleAsync(ServiceProvider services, CancellationToken ct)
    {
        var cpu = MachineInfo.SelfCpu();
        var watch = Stopwatch.StartNew();
        var summary = await services.GetRequiredService<CycleRunner>().RunAsync(force: false, ct);
        return new TimedProcess.Result(summary.AnyFailed ? 1 : 0, watch.Elapsed.TotalSeconds, (MachineInfo.SelfCpu() - cpu).TotalSeconds,
            MachineInfo.SelfPeakMiB(), "", string.Join("\n", summary.Lines().Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase))));
    }

    private sealed record Round(string Name, TimedProcess.Result Rss2Email, long Rss2EmailMessages, int Rss2Email304,
        TimedProcess.Result Monitor, long MonitorMessages, int Monitor304, TimedProcess.Result Service, long ServiceMessages, int Service304)
    {
        public double ServiceRatioWall => Rss2Email.WallSeconds / Service.WallSeconds;
        public double RatioWall => Rss2Email.WallSeconds / Monitor.WallSeconds;
        public double RatioCpu => Rss2Email.CpuSeconds / Monitor.CpuSeconds;
    }

    /// <summary>rss2email with its own configuration and data file in <paramref name="folder"/>, set up on the first run.</summary>
    private static async Task<TimedProcess.Result> RunRss2EmailAsync(FeedHost host, SmtpSink sink, int feeds, string folder, bool firstRun, CancellationToken ct)
    {
        var config = Path.Combine(folder, "rss2email.cfg");
        var data = Path.Combine(folder, "rss2email.json");
        var home = new Dictionary<string, string> { ["HOME"] = folder, ["XDG_CONFIG_HOME"] = folder, ["XDG_DATA_HOME"] = folder };
        if (firstRun)
        {
            await MustAsync(TimedProcess.RunAsync("/usr/bin/r2e", ["-c", config, "-d", data, "new", "reader@example.org"], folder, home, TimeSpan.FromMinutes(1), ct));
            await File.WriteAllTextAsync(config, $"""
                [DEFAULT]
                to = reader@example.org
                from = bench@example.org
                email-protocol = smtp
                smtp-server = 127.0.0.1
                smtp-port = {sink.Port}
                smtp-ssl = False
                smtp-auth = False
                html-mail = True

                """, ct);
            var opml = new StringBuilder("<?xml version=\"1.0\"?><opml version=\"1.0\"><head><title>bench</title></head><body>");
            for (var f = 0; f < feeds; f++)
                opml.Append($"<outline type=\"rss\" text=\"feed{f}\" title=\"feed{f}\" xmlUrl=\"{SecurityElement.Escape(host.FeedUrl(f))}\"/>");
            opml.Append("</body></opml>");
            var opmlFile = Path.Combine(folder, "feeds.opml");
            await File.WriteAllTextAsync(opmlFile, opml.ToString(), ct);
            await MustAsync(TimedProcess.RunAsync("/usr/bin/r2e", ["-c", config, "-d", data, "opmlimport", opmlFile], folder, home, TimeSpan.FromMinutes(2), ct));
        }
        return await TimedProcess.RunAsync("/usr/bin/r2e", ["-c", config, "-d", data, "run"], folder, home, TimeSpan.FromMinutes(30), ct);
    }

    /// <summary>`monitor once` with the shipped defaults (politeness; concurrency unless asked) and one immediate subscriber.</summary>
    private static async Task<TimedProcess.Result> RunMonitorAsync((string FileName, string[] Prefix) app, FeedHost host, SmtpSink sink, int feeds, int fetchConcurrency, BenchConfig config, bool firstRun, CancellationToken ct)
    {
        if (firstRun) Configure(config, host, sink, feeds, fetchConcurrency);
        return await TimedProcess.RunAsync(app.FileName, [.. app.Prefix, "once", "--config", config.FilePath], config.Folder, null, TimeSpan.FromMinutes(30), ct);
    }

    private static async Task MustAsync(Task<TimedProcess.Result> run)
    {
        var r = await run;
        if (r.ExitCode != 0) throw new InvalidOperationException($"r2e setup failed ({r.ExitCode}): {r.StdErr}");
    }
}
