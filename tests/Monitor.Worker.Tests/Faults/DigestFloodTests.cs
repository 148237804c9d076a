using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Monitor.Worker.Tests.Support;
using Xunit.Abstractions;

namespace Monitor.Worker.Tests.Faults;

/// <summary>
/// The risk: a feed that rewrites itself — new guids on every poll for the same articles — floods subscribers with the
/// same news every cycle; a feed with ten thousand entries takes the cycle down or is re-ingested on every poll; a
/// second cycle within the same minute holds its new stories back.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "Fault")]
public sealed class DigestFloodTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_feed_that_changes_every_guid_on_every_poll_reaches_subscribers_once()
    {
        FaultLedger.Tried();
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        var entries = FaultFeeds.Many(feeds.Url("/"), "churn", 5, DateTimeOffset.UtcNow);
        var poll = 0;
        feeds.Handle("/churn.xml", ctx =>
        {
            // Same links, same texts, a new guid for every entry on every request.
            var n = Interlocked.Increment(ref poll);
            ctx.Response.ContentType = "application/rss+xml; charset=utf-8";
            return ctx.Response.WriteAsync(FaultFeeds.Rss("churn", entries.Select(e => e with { Guid = $"urn:poll:{n}:{Guid.NewGuid()}" })));
        });
        config.AddSource("churn", "churn", feeds.Url("/churn.xml")).AddSubscriber("reader@example.org", "قارئ", "immediate").Write();

        for (var cycle = 0; cycle < 4; cycle++)
        {
            var run = await FaultWorld.OnceAsync(config);
            Assert.True(run.ExitCode == 0, run.ToString());
            output.WriteLine(run.StdOut);
        }

        var digests = await FaultWorld.ReadDigestsAsync(FaultWorld.PickupMessages(config), feeds.Url("/"));
        var count = FaultWorld.CountDeliveries(digests, ["reader@example.org"], entries.Select(e => e.Link).ToList());
        FaultLedger.Observed(lost: count.Missing, duplicates: count.Duplicates);
        Assert.Equal(4, poll);
        Assert.Single(digests);
        Assert.True(count.Missing == 0 && count.Duplicates == 0, count.ToString());
        Assert.Equal(5, FaultWorld.Scalar(config, "SELECT COUNT(*) FROM items"));
        FaultLedger.Survived();
    }

    [Fact]
    public async Task A_feed_of_ten_thousand_entries_is_ingested_once_in_bounded_memory_and_not_again()
    {
        FaultLedger.Tried();
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        var body = FaultFeeds.Rss("big", FaultFeeds.Many(feeds.Url("/"), "big", 10_000, DateTimeOffset.UtcNow, words: 20));
        // No validators, so the second cycle really downloads and reads all 10,000 again.
        feeds.Handle("/big.xml", ctx => { ctx.Response.ContentType = "application/rss+xml; charset=utf-8"; return ctx.Response.WriteAsync(body); });
        config.AddSource("big", "big", feeds.Url("/big.xml")).Write();
        output.WriteLine($"feed of {body.Length / 1024} KB");

        var watch = Stopwatch.StartNew();
        var (first, peak) = await FaultProcess.RunAsync(["once", "--config", config.Path], FaultWorld.ProcessTimeout);
        var firstTime = watch.Elapsed;
        watch.Restart();
        var (second, secondPeak) = await FaultProcess.RunAsync(["once", "--config", config.Path], FaultWorld.ProcessTimeout);
        output.WriteLine($"first cycle {firstTime.TotalSeconds:0.0} s, peak {peak >> 20} MB: {first.StdOut}");
        output.WriteLine($"second cycle {watch.Elapsed.TotalSeconds:0.0} s, peak {secondPeak >> 20} MB: {second.StdOut}");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("source big: 10000 new", first.StdOut);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("source big: 0 new, 0 updated, 10000 already known", second.StdOut);
        Assert.Equal(10_000, FaultWorld.Scalar(config, "SELECT COUNT(*) FROM items"));
        Assert.True(peak < 600L << 20, $"peak resident memory {peak >> 20} MB");
        FaultLedger.Survived();
    }

    [Fact]
    public async Task An_immediate_subscriber_gets_the_stories_of_a_second_cycle_within_the_same_minute()
    {
        FaultLedger.Tried();
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        var all = FaultFeeds.Many(feeds.Url("/"), "quick", 4, DateTimeOffset.UtcNow);
        var visible = 2;
        feeds.Handle("/quick.xml", ctx =>
        {
            ctx.Response.ContentType = "application/rss+xml; charset=utf-8";
            return ctx.Response.WriteAsync(FaultFeeds.Rss("quick", all.Take(Volatile.Read(ref visible))));
        });
        config.AddSource("quick", "quick", feeds.Url("/quick.xml")).AddSubscriber("reader@example.org", "قارئ", "immediate").Write();

        var first = await FaultWorld.OnceAsync(config);
        Volatile.Write(ref visible, 4);
        var second = await FaultWorld.OnceAsync(config);
        output.WriteLine(first.StdOut + second.StdOut);

        var digests = await FaultWorld.ReadDigestsAsync(FaultWorld.PickupMessages(config), feeds.Url("/"));
        var count = FaultWorld.CountDeliveries(digests, ["reader@example.org"], all.Select(e => e.Link).ToList());
        FaultLedger.Observed(lost: count.Missing, duplicates: count.Duplicates);
        Assert.Contains("digests: 1 composed", second.StdOut);
        Assert.Equal(2, digests.Count);
        Assert.True(count.Missing == 0 && count.Duplicates == 0, count.ToString());
        FaultLedger.Survived();
    }
}
