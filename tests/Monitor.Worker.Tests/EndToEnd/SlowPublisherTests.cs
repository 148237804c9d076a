using System.Diagnostics;
using System.Text.Json.Nodes;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.EndToEnd;

/// <summary>
/// The risk: publishers that accept a connection and never answer (or a dozen feeds of one busy site waiting for their
/// turn under the per-host limit) hold every slot of the scheduler, so the healthy sources, the digests and the outbox
/// all stop until the fetch timeout frees the slots. Polls are mostly waiting on the network; the network is bounded
/// by Fetch:MaxConcurrency and PerHostConcurrency, so the scheduler must not be the narrower gate.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SlowPublisherTests
{
    private const int HangingSources = 12;

    [Fact]
    public async Task Hanging_publishers_on_one_host_do_not_stop_the_polls_of_other_sources()
    {
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        var site = feeds.Url("/", host: "localhost");
        feeds.Content("/healthy.xml", SeedFeeds.Rss("الائتلاف", site, SeedFeeds.Entries(site)));
        config.AddSource("healthy", "الائتلاف", feeds.Url("/healthy.xml", host: "localhost"), primary: true);
        for (var n = 0; n < HangingSources; n++)
        {
            // Answers nothing until the client gives up (the test's fetch timeout is longer than the test).
            feeds.Handle($"/hang{n}.xml", ctx => Task.Delay(Timeout.Infinite, ctx.RequestAborted));
            config.AddSource($"hang{n}", $"بطيء {n}", feeds.Url($"/hang{n}.xml"));
        }
        config.PollEvery(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        config.Monitor["Fetch"]!["Timeout"] = "00:03:00";
        config.Monitor["Fetch"]!["StallTimeout"] = "00:03:00";
        config.Write();

        using var service = Process.Start(MonitorProcess.StartInfo(["run", "--config", config.Path]))!;
        var stdout = service.StandardOutput.ReadToEndAsync();
        var stderr = service.StandardError.ReadToEndAsync();
        try
        {
            // The hanging host is at its per-host limit (2 in flight); the other hanging polls wait for a turn.
            await WaitForAsync(() => HangingRequests(feeds) >= 2, TimeSpan.FromSeconds(60), service, stderr, "the hanging publishers were never asked");
            // Every first poll has fired by now (they are spread over 5 s), so the hanging ones hold whatever they hold.
            await Task.Delay(TimeSpan.FromSeconds(6));

            var before = feeds.RequestCount("/healthy.xml");
            var polledAgain = await WaitForAsync(() => feeds.RequestCount("/healthy.xml") >= before + 2, TimeSpan.FromSeconds(20), service, stderr, null);
            Assert.True(polledAgain,
                $"the healthy source (every 2 s) was polled {feeds.RequestCount("/healthy.xml") - before} more time(s) in 20 s " +
                $"while {HangingSources} publishers hung ({HangingRequests(feeds)} of their requests reached the server)");
        }
        finally
        {
            if (!service.HasExited) service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
            _ = await stdout + await stderr;
        }
    }

    private static int HangingRequests(FeedServer feeds) => Enumerable.Range(0, HangingSources).Sum(n => feeds.RequestCount($"/hang{n}.xml"));

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan limit, Process service, Task<string> stderr, string? failure)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition() && DateTime.UtcNow < deadline && !service.HasExited) await Task.Delay(200);
        if (service.HasExited) Assert.Fail($"the service exited with {service.ExitCode}: {await stderr}");
        if (!condition() && failure is not null) Assert.Fail(failure);
        return condition();
    }
}
