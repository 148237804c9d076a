using Monitor.Worker.Tests.Support;
using Xunit.Abstractions;

namespace Monitor.Worker.Tests.Faults;

/// <summary>
/// The risk: one hostile site — an error page, a server that never finishes, a gigabyte, a bomb, junk, a loop, a bad
/// certificate, a name that does not resolve — crashes the cycle, eats the machine's memory, or takes the good sources
/// down with it. Each case runs the real <c>monitor once</c> with one good and one hostile source and checks the whole
/// service: the failure is recorded on the hostile source with a message that names the cause, the good source's entries
/// reach the subscriber, the exit code says something failed, and the process's peak memory stays bounded.
/// (The fetch layer's own behaviour for each case is tested in Fetching/*; this is the whole-service view.)
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "Fault")]
public sealed class HostileFeedTests(ITestOutputHelper output)
{
    /// <summary>A cycle's resident memory with two small feeds is ~100 MB; buffering a hostile body would be 10× that.</summary>
    private const long PeakMemoryBound = 350L * 1024 * 1024;

    public static TheoryData<string, string> Cases => new()
    {
        { "http-500", "HTTP 500" },
        { "http-404", "HTTP 404" },
        { "http-410", "HTTP 410" },
        { "timeout", "timed out" },
        { "trickle", "timed out" },
        { "huge-body", "exceeded 10 MiB" },
        { "gzip-bomb", "exceeded 10 MiB limit after decompression" },
        { "invalid-xml", "Malformed: not readable as XML" },
        { "html-without-feed-link", "HTML page that names no feed" },
        { "redirect-loop", "redirect" },
        { "tls-error", "TLS handshake" },
        { "dns-failure", "DNS lookup of nonexistent.invalid failed" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_source_is_recorded_while_the_good_one_is_delivered_in_bounded_memory(string hostile, string expectedInError)
    {
        FaultLedger.Tried();
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        var good = FaultFeeds.Many(feeds.Url("/"), "good", 3, DateTimeOffset.UtcNow);
        feeds.Content("/good.xml", FaultFeeds.Rss("مصدر سليم", good));
        config.AddSource("good", "مصدر سليم", feeds.Url("/good.xml"), primary: true)
            .AddSource("hostile", "مصدر معاد", Serve(feeds, hostile))
            .AddSubscriber("reader@example.org", "قارئ", "immediate");
        // Short limits keep the slow cases short; the body cap is the shipped default (10 MB).
        config.Monitor["Fetch"]!["Timeout"] = "00:00:04";
        config.Monitor["Fetch"]!["StallTimeout"] = "00:00:03";
        config.Write();

        var (run, peak) = await FaultProcess.RunAsync(["once", "--config", config.Path], FaultWorld.ProcessTimeout);
        output.WriteLine($"{hostile}: exit {run.ExitCode}, peak RSS {peak / (1024 * 1024)} MB\n{run.StdOut}");

        var sources = await FaultWorld.SourcesAsync(config);
        var error = sources["hostile"].GetProperty("last_error").GetString() ?? "";
        output.WriteLine($"recorded error: {error}");
        var digests = await FaultWorld.ReadDigestsAsync(FaultWorld.PickupMessages(config), feeds.Url("/"));
        var delivered = FaultWorld.CountDeliveries(digests, ["reader@example.org"], good.Select(e => e.Link).ToList());
        FaultLedger.Observed(lost: delivered.Missing, duplicates: delivered.Duplicates);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("source hostile: failed:", run.StdOut);
        Assert.Contains("source good: 3 new", run.StdOut);
        Assert.Equal(1, sources["hostile"].GetProperty("consecutive_failures").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Contains(expectedInError, error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, sources["good"].GetProperty("consecutive_failures").GetInt32());
        Assert.True(delivered.Missing == 0 && delivered.Duplicates == 0, delivered.ToString());
        Assert.True(peak > 0 && peak < PeakMemoryBound, $"peak resident memory {peak / (1024 * 1024)} MB");
        FaultLedger.Survived();
    }

    private static Uri Serve(FeedServer feeds, string hostile) => hostile switch
    {
        "http-500" => Route(feeds.Status("/bad", 500, body: "Internal Server Error")),
        "http-404" => Route(feeds.Status("/bad", 404)),
        "http-410" => Route(feeds.Status("/bad", 410)),
        "timeout" => Route(feeds.Delay("/bad", TimeSpan.FromMinutes(5))),
        "trickle" => Route(feeds.Trickle("/bad", TimeSpan.FromSeconds(1))),
        "huge-body" => Route(feeds.Huge("/bad")),
        "gzip-bomb" => Route(feeds.GzipBomb("/bad")),
        "invalid-xml" => Route(feeds.Content("/bad", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"\" xmlns=><channel><item><title>a</title></item></channel></rss>", "application/rss+xml")),
        "html-without-feed-link" => Route(feeds.Content("/bad", "<!doctype html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>", "text/html; charset=utf-8")),
        "redirect-loop" => Route(feeds.Redirect("/bad", "/bad2").Redirect("/bad2", "/bad")),
        "tls-error" => new Uri($"https://127.0.0.1:{feeds.Port}/good.xml"),
        "dns-failure" => new Uri("http://nonexistent.invalid/feed.xml"),
        _ => throw new ArgumentOutOfRangeException(nameof(hostile), hostile, "unknown hostile case"),
    };

    private static Uri Route(FeedServer feeds) => feeds.Url("/bad");
}
