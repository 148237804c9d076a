using System.Security;
using System.Text;
using Monitor.Benchmarks.Support;
using Monitor.Benchmarks.Workload;

namespace Monitor.Benchmarks.Scenarios;

/// <summary>
/// Feeds to email end to end, side by side: Debian's rss2email (`r2e run`, its own configuration and data file in a temp
/// folder) and our `monitor once` (the real executable with a generated configuration), both reading the same N
/// loopback feeds from one in-process server and sending to the same in-process SMTP sink, each timed as a process
/// from start to exit (GNU time: wall, CPU, peak RSS). rss2email mails every entry separately (one SMTP connection
/// each); Monitor dedups the entries into stories and mails one digest to its one subscriber: the work asked of both
/// is "these feeds' new entries into the reader's mailbox".
/// </summary>
public sealed class Rss2EmailScenario : IScenario
{
    public string Name => "rss2email";
    public string Description => "end to end vs rss2email on the same loopback feeds and SMTP sink [--feeds 100] [--items-per-feed 5]";

    public async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var feeds = Args.Int(args, "--feeds", 100);
        var perFeed = Args.Int(args, "--items-per-feed", 5);
        if (!File.Exists("/usr/bin/r2e"))
        {
            Console.Error.WriteLine("rss2email is not installed: apt-get install -y rss2email");
            return 2;
        }
        Console.WriteLine($"load average before: {MachineInfo.LoadAverage()}");
        var articles = new ArticleWorkload().Generate(feeds * perFeed, seed: 13, DateTimeOffset.UtcNow.AddHours(-6), TimeSpan.FromSeconds(20)).ToList();
        var documents = Enumerable.Range(0, feeds)
            .Select(f => FeedXml.Rss($"منفذ {f}", $"https://news{f}.example/", articles.Skip(f * perFeed).Take(perFeed))).ToList();
        await using var host = await FeedHost.StartAsync(documents, ct);
        await using var sink = new SmtpSink();

        var r2e = await RunRss2EmailAsync(host, sink, feeds, ct);
        var r2eMessages = sink.Messages;
        var ours = await RunMonitorAsync(host, sink, feeds, ct);
        var ourMessages = sink.Messages - r2eMessages;

        var ratioWall = r2e.WallSeconds / ours.WallSeconds;
        var ratioCpu = r2e.CpuSeconds / ours.CpuSeconds;
        Console.WriteLine($"{feeds} feeds × {perFeed} entries on loopback, one SMTP sink");
        Console.WriteLine($"{"tool",-16} {"exit",5} {"wall s",8} {"cpu s",8} {"peak MiB",9} {"messages",9}");
        Console.WriteLine($"{"rss2email 3.13",-16} {r2e.ExitCode,5} {r2e.WallSeconds,8:F2} {r2e.CpuSeconds,8:F2} {r2e.PeakMiB,9:F0} {r2eMessages,9}");
        Console.WriteLine($"{"monitor once",-16} {ours.ExitCode,5} {ours.WallSeconds,8:F2} {ours.CpuSeconds,8:F2} {ours.PeakMiB,9:F0} {ourMessages,9}");
        Console.WriteLine($"ratio (rss2email / monitor): wall {ratioWall:F1}×, CPU {ratioCpu:F1}×");
        if (ours.ExitCode != 0) Console.WriteLine("monitor stderr: " + ours.StdErr[..Math.Min(2000, ours.StdErr.Length)]);
        if (r2e.ExitCode != 0) Console.WriteLine("r2e stderr: " + r2e.StdErr[..Math.Min(2000, r2e.StdErr.Length)]);
        Console.WriteLine($"load average after: {MachineInfo.LoadAverage()}");
        Console.WriteLine($"written {ScenarioRunner.WriteJson("rss2email", new
        {
            feeds, itemsPerFeed = perFeed,
            rss2email = new { r2e.ExitCode, r2e.WallSeconds, r2e.CpuSeconds, r2e.PeakMiB, messages = r2eMessages },
            monitor = new { ours.ExitCode, ours.WallSeconds, ours.CpuSeconds, ours.PeakMiB, messages = ourMessages },
            ratioWall = Math.Round(ratioWall, 1), ratioCpu = Math.Round(ratioCpu, 1), smtpServer = "in-process sink (SmtpSink)",
            machine = MachineInfo.Describe(),
        })}");
        return r2e.ExitCode == 0 && ours.ExitCode == 0 ? 0 : 1;
    }

    private static async Task<TimedProcess.Result> RunRss2EmailAsync(FeedHost host, SmtpSink sink, int feeds, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("monitor-bench-r2e-").FullName;
        try
        {
            var config = Path.Combine(folder, "rss2email.cfg");
            var data = Path.Combine(folder, "rss2email.json");
            var home = new Dictionary<string, string> { ["HOME"] = folder, ["XDG_CONFIG_HOME"] = folder, ["XDG_DATA_HOME"] = folder };
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
            return await TimedProcess.RunAsync("/usr/bin/r2e", ["-c", config, "-d", data, "run"], folder, home, TimeSpan.FromMinutes(30), ct);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<TimedProcess.Result> RunMonitorAsync(FeedHost host, SmtpSink sink, int feeds, CancellationToken ct)
    {
        using var config = new BenchConfig();
        for (var f = 0; f < feeds; f++) config.AddSource($"feed{f}", $"منفذ {f}", host.FeedUrl(f));
        config.AddSubscriber("reader@example.org", "قارئ", "immediate");
        config.UseSmtp(sink.Port).Write();
        var dll = Path.Combine(AppContext.BaseDirectory, "monitor.dll");
        return await TimedProcess.RunAsync("dotnet", [dll, "once", "--config", config.FilePath], config.Folder, null, TimeSpan.FromMinutes(30), ct);
    }

    private static async Task MustAsync(Task<TimedProcess.Result> run)
    {
        var r = await run;
        if (r.ExitCode != 0) throw new InvalidOperationException($"r2e setup failed ({r.ExitCode}): {r.StdErr}");
    }
}
