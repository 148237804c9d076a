using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Http;
using Monitor.Worker.Tests.Support;
using Xunit.Abstractions;

namespace Monitor.Worker.Tests.Faults;

/// <summary>
/// The risk: the machine loses power or the OOM killer strikes in the middle of a cycle — between fetching and
/// storing, in the middle of a story's transaction, while digests are composed, or after the SMTP server took a
/// message and before it was recorded — and on restart an entry is gone, the store is torn, or subscribers get a
/// digest twice. The real process is SIGKILLed after a random delay again and again while feeds keep growing, many
/// "immediate" subscribers get digests from a real SMTP server, then a last cycle runs to the end. Afterwards: the
/// SQLite file passes integrity_check, every feed entry is in a story, every subscriber has every entry exactly once
/// (a resend of the same Message-ID inside the documented window is counted and printed, not hidden).
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "Fault")]
public sealed class KillTests(ITestOutputHelper output)
{
    private const int Kills = 25;
    private const int Subscribers = 12;
    private static readonly string[] Feeds = ["alpha", "beta", "gamma"];

    [Fact]
    public async Task Sigkill_at_random_points_of_cycles_loses_nothing_and_sends_no_digest_twice()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FAULT_KILL_SEED"), out var s) ? s : 6_10;
        var random = new Random(seed);
        output.WriteLine($"kill seed {seed} (FAULT_KILL_SEED to change)");
        await using var feeds = await FeedServer.StartAsync();
        await using var smtp = await SmtpServer.StartAsync();
        using var config = new TestConfig();
        var newest = DateTimeOffset.UtcNow;
        var published = Feeds.ToDictionary(f => f, _ => 20);
        foreach (var feed in Feeds)
        {
            // No validators: every poll reads the whole feed again, so re-reading after a kill is exercised too.
            feeds.Handle($"/{feed}.xml", ctx =>
            {
                ctx.Response.ContentType = "application/rss+xml; charset=utf-8";
                var entries = FaultFeeds.Many(feeds.Url("/"), feed, Volatile.Read(ref CollectionsMarshalCount(published, feed)), newest);
                return ctx.Response.WriteAsync(FaultFeeds.Rss(feed, entries));
            });
            config.AddSource(feed, feed, feeds.Url($"/{feed}.xml"));
        }
        var recipients = Enumerable.Range(0, Subscribers).Select(i => $"reader{i}@example.org").ToList();
        foreach (var r in recipients) config.AddSubscriber(r, "قارئ", "immediate");
        config.UseSmtp(smtp.Port);
        config.Monitor["Mail"]!["MessagesPerMinute"] = 100000;
        // Every entry must reach every reader in some digest: no digest may leave stories out for its size.
        config.Monitor["Mail"]!["MaxStoriesPerDigest"] = 1000;
        config.Write();

        // Calibrate: how long one whole cycle takes on this machine (startup included), on a throwaway copy, so kills
        // land across the whole cycle rather than all in start-up on a slow machine.
        using var probe = new TestConfig();
        foreach (var feed in Feeds) probe.AddSource(feed, feed, feeds.Url($"/{feed}.xml"));
        foreach (var r in recipients) probe.AddSubscriber(r, "قارئ", "immediate");
        probe.Write();
        await FaultWorld.OnceAsync(probe);
        var calibrate = Stopwatch.StartNew();
        await FaultWorld.OnceAsync(probe); // the second, warm, run is the one to measure
        var cycle = calibrate.Elapsed;
        output.WriteLine($"one whole cycle takes {cycle.TotalSeconds:0.0} s here");

        var phases = new Dictionary<string, int>();
        var watch = Stopwatch.StartNew();
        for (var kill = 0; kill < Kills; kill++)
        {
            FaultLedger.Tried();
            // The feeds grow between cycles, so each cycle has something to store, compose and send.
            foreach (var feed in Feeds) published[feed] += random.Next(1, 4);
            await using var process = FaultProcess.Start(["once", "--verbose", "--config", config.Path]);
            await Task.Delay(cycle * (0.2 + random.NextDouble() * 0.9));
            var finished = process.HasExited;
            await process.KillAsync();
            var phase = finished ? "finished before the kill" : Phase(await process.StdErrAsync());
            phases[phase] = phases.GetValueOrDefault(phase) + 1;
        }
        output.WriteLine($"{Kills} kills in {watch.Elapsed.TotalSeconds:0} s; killed during: " +
            string.Join(", ", phases.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}")));

        // A killed sender's claim (lease) on a message lasts minutes, so another worker does not send it at the same
        // time; here time is moved on by expiring the leases, as the clock would after the lease length.
        ExpireLeases(config);
        var last = await FaultWorld.OnceAsync(config);
        output.WriteLine(last.ToString());

        var integrity = FaultWorld.IntegrityCheck(config);
        var allLinks = Feeds.SelectMany(f => FaultFeeds.Many(feeds.Url("/"), f, published[f], newest)).Select(e => e.Link).ToList();
        var stored = FaultWorld.LinksInStories(config);
        var lostEntries = allLinks.Count(l => !stored.Contains(l));
        var unsent = FaultWorld.Scalar(config, "SELECT COUNT(*) FROM outbox WHERE state <> 'Sent'");
        var digests = await FaultWorld.ReadDigestsAsync(smtp.ReadDeliveries().Select(d => (d.Recipients[0], d.Bytes)).ToList(), feeds.Url("/"));
        var count = FaultWorld.CountDeliveries(digests, recipients, allLinks);
        output.WriteLine($"{allLinks.Count} entries, {digests.Count} messages received; {count}; lost entries {lostEntries}; unsent {unsent}");
        output.WriteLine($"resends of the same Message-ID (killed after the server's 250, before 'sent' was recorded): {count.ResendsSameMessageId}");
        FaultLedger.Observed(lost: lostEntries + count.Missing, duplicates: count.Duplicates, resendsInWindow: count.ResendsSameMessageId);

        Assert.True(last.ExitCode == 0, last.ToString());
        Assert.Equal("ok", integrity);
        Assert.Equal(0, lostEntries);
        Assert.Equal(0, unsent);
        Assert.True(count.Missing == 0 && count.Duplicates == 0, count.ToString());
        FaultLedger.Survived(Kills);
    }

    private static ref int CollectionsMarshalCount(Dictionary<string, int> counts, string key) =>
        ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(counts, key);

    /// <summary>Where the cycle was, from the last step the verbose log reported before the kill.</summary>
    private static string Phase(string log)
    {
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var line = lines[i];
            if (line.Contains("Sent outbox message", StringComparison.Ordinal) || line.Contains("Outbox run", StringComparison.Ordinal)) return "send";
            if (line.Contains("Digest ", StringComparison.Ordinal) && line.Contains("queued", StringComparison.Ordinal)) return "compose/send";
            if (line.Contains("Polled ", StringComparison.Ordinal)) return "store/compose";
        }
        return "start/fetch/store";
    }

    private static void ExpireLeases(TestConfig config)
    {
        using var connection = FaultWorld.OpenDatabase(config, SqliteOpenMode.ReadWrite);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE outbox SET lease_until = 0 WHERE state = 'Sending'";
        command.ExecuteNonQuery();
    }
}
