using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Benchmarks.Support;
using Monitor.Benchmarks.Workload;
using Monitor.Core.Feeds;
using Monitor.Worker.Mail;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;

namespace Monitor.Benchmarks.Scenarios;

/// <summary>
/// Digests for many subscribers through the real path over a SQLite store: DigestBuilder (DigestComposer,
/// DigestRenderer, MimeWriter, the outbox row in one transaction) then OutboxSender over SmtpTransport (one reused
/// connection) to the in-process SMTP sink. Messages/s for each phase, CPU, and the process's peak memory.
/// </summary>
public sealed class DigestScenario : IScenario
{
    public string Name => "digest";
    public string Description => "N subscribers' digests composed, rendered, queued and delivered over SMTP [--subscribers 10000] [--stories 40]";

    public async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var subscribers = Args.Int(args, "--subscribers", 10_000);
        var storyArticles = Args.Int(args, "--stories", 40);
        Console.WriteLine($"load average before: {MachineInfo.LoadAverage()}");
        await using var sink = new SmtpSink();
        using var config = new BenchConfig();
        config.AddSource("etilaf", "الائتلاف الوطني السوري", "https://etilaf.example/feed", primary: true);
        config.AddSource("news", "منفذ إخباري", "https://news.example/feed");
        for (var s = 0; s < subscribers; s++) config.AddSubscriber($"reader{s}@example.org", $"قارئ رقم {s}", "hourly");
        config.UseSmtp(sink.Port).Write();
        await using var services = config.BuildServices();
        var seedWatch = Stopwatch.StartNew();
        await services.GetRequiredService<StoreSeeder>().SeedAsync(ct);
        Console.WriteLine($"  {subscribers:N0} subscribers stored in {seedWatch.Elapsed.TotalSeconds:F1} s");

        // The stories of the last few hours: generated articles through the real ingestor (republications join stories).
        var store = services.GetRequiredService<IMonitorStore>();
        var sources = await store.ListSourcesAsync(ct);
        var ingestor = services.GetRequiredService<ItemIngestor>();
        var now = DateTimeOffset.UtcNow;
        foreach (var a in new ArticleWorkload().Generate(storyArticles, seed: 5, now.AddHours(-3), TimeSpan.FromMinutes(2)))
            await ingestor.IngestAsync(sources[(int)(a.Number % sources.Count)],
                new FeedEntry { Id = a.Guid, Link = a.Link, Title = a.Title, Text = a.Text, Published = a.Published }, true, a.Published, ct);

        var composeCpu = MachineInfo.SelfCpu();
        var watch = Stopwatch.StartNew();
        var composed = await services.GetRequiredService<DigestBuilder>().ComposeDueAsync(ct);
        var composeSeconds = watch.Elapsed.TotalSeconds;
        var composeCpuSeconds = (MachineInfo.SelfCpu() - composeCpu).TotalSeconds;
        var outbox = await store.ListOutboxAsync(OutboxState.Pending, 1, ct);
        var messageKiB = outbox.Count > 0 ? outbox[0].Mime.Length / 1024.0 : 0;

        var sendCpu = MachineInfo.SelfCpu();
        watch.Restart();
        var delivered = await services.GetRequiredService<OutboxSender>().SendDueAsync(ct);
        var sendSeconds = watch.Elapsed.TotalSeconds;
        var sendCpuSeconds = (MachineInfo.SelfCpu() - sendCpu).TotalSeconds;

        var rows = new[]
        {
            new { phase = "compose+render+queue", messages = composed.Composed, seconds = Math.Round(composeSeconds, 2), cpuSeconds = Math.Round(composeCpuSeconds, 2), perSecond = Math.Round(composed.Composed / composeSeconds) },
            new { phase = "deliver over SMTP", messages = delivered.Sent, seconds = Math.Round(sendSeconds, 2), cpuSeconds = Math.Round(sendCpuSeconds, 2), perSecond = Math.Round(delivered.Sent / sendSeconds) },
            new { phase = "end to end", messages = delivered.Sent, seconds = Math.Round(composeSeconds + sendSeconds, 2), cpuSeconds = Math.Round(composeCpuSeconds + sendCpuSeconds, 2), perSecond = Math.Round(delivered.Sent / (composeSeconds + sendSeconds)) },
        };
        Console.WriteLine($"{"phase",-22} {"messages",9} {"wall s",8} {"cpu s",7} {"msg/s",8}");
        foreach (var r in rows) Console.WriteLine($"{r.phase,-22} {r.messages,9:N0} {r.seconds,8:F2} {r.cpuSeconds,7:F2} {r.perSecond,8:N0}");
        var peak = MachineInfo.SelfPeakMiB();
        Console.WriteLine($"sink received {sink.Messages:N0} messages ({sink.Bytes / (1024.0 * 1024):F1} MiB) over {sink.Sessions} connection(s); message size ≈ {messageKiB:F0} KiB; " +
                          $"{composed.Empty} empty, {composed.Failed} failed, {delivered.Failed} send failures; peak working set {peak:F0} MiB");
        Console.WriteLine($"load average after: {MachineInfo.LoadAverage()}");
        Console.WriteLine($"written {ScenarioRunner.WriteJson("digest", new { subscribers, storyArticles, rows, sinkMessages = sink.Messages, sinkConnections = sink.Sessions, messageKiB = Math.Round(messageKiB, 1), peakWorkingSetMiB = Math.Round(peak), smtpServer = "in-process sink (SmtpSink)", machine = MachineInfo.Describe() })}");
        return delivered.Sent == subscribers && sink.Messages == subscribers ? 0 : 1;
    }
}
