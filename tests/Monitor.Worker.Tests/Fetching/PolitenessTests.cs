using Monitor.Worker.Fetching;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Fetching;

/// <summary>Risk: hammering one site with all its sources at once, or ignoring its request to back off.</summary>
public sealed class PolitenessTests
{
    [Fact]
    public async Task Sources_on_one_host_share_its_concurrency_budget()
    {
        await using var server = await FeedServer.StartAsync();
        server.Delay("/slow", TimeSpan.FromMilliseconds(300));
        using var fetcher = new TestFetcher(o => { o.PerHostConcurrency = 2; o.MaxConcurrency = 16; });

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => fetcher.FetchAsync(server.Url("/slow"))));

        Assert.All(results, r => Assert.Equal(FetchStatus.Content, r.Status));
        Assert.Equal(6, server.RequestCount("/slow"));
        Assert.InRange(server.MaxConcurrent("/slow"), 1, 2);
    }

    [Fact]
    public async Task Global_limit_caps_requests_across_hosts()
    {
        await using var server = await FeedServer.StartAsync();
        var inFlight = 0;
        var peak = 0;
        server.Handle("/slow", async ctx =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            await Task.Delay(200);
            Interlocked.Decrement(ref inFlight);
        });
        using var fetcher = new TestFetcher(o => { o.PerHostConcurrency = 3; o.MaxConcurrency = 2; });

        var urls = Enumerable.Range(0, 4).SelectMany(_ => new[] { server.Url("/slow"), server.Url("/slow", "localhost") });
        var results = await Task.WhenAll(urls.Select(u => fetcher.FetchAsync(u)));

        Assert.All(results, r => Assert.Equal(FetchStatus.Content, r.Status));
        Assert.InRange(peak, 1, 2);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Retry_after_blocks_that_host_only(int status)
    {
        await using var server = await FeedServer.StartAsync();
        server.Status("/busy", status, retryAfter: "120").Content("/other", "<rss/>");
        using var fetcher = new TestFetcher();

        var first = await fetcher.FetchAsync(server.Url("/busy"));
        var sameHost = await fetcher.FetchAsync(server.Url("/other"));
        var otherHost = await fetcher.FetchAsync(server.Url("/other", "localhost"));

        Assert.Equal(TimeSpan.FromSeconds(120), first.RetryAfter);
        Assert.Equal(FetchErrorKind.RateLimited, sameHost.ErrorKind);
        Assert.NotNull(sameHost.RetryAfter);
        Assert.InRange(sameHost.RetryAfter!.Value, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(120));
        Assert.Contains("127.0.0.1 asked us to wait (Retry-After)", sameHost.Error);
        Assert.Equal(FetchStatus.Content, otherHost.Status);
        Assert.Equal(1, server.RequestCount("/other"));
    }

    [Fact]
    public async Task Host_is_contacted_again_once_retry_after_has_passed()
    {
        await using var server = await FeedServer.StartAsync();
        server.Status("/busy", 429, retryAfter: "60").Content("/feed", "<rss/>");
        var clock = new ManualTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));
        using var fetcher = new TestFetcher(time: clock);

        await fetcher.FetchAsync(server.Url("/busy"));
        clock.Advance(TimeSpan.FromSeconds(59));
        var tooEarly = await fetcher.FetchAsync(server.Url("/feed"));
        clock.Advance(TimeSpan.FromSeconds(2));
        var afterWait = await fetcher.FetchAsync(server.Url("/feed"));

        Assert.Equal(FetchErrorKind.RateLimited, tooEarly.ErrorKind);
        Assert.Equal(FetchStatus.Content, afterWait.Status);
    }

    [Fact]
    public async Task Rate_limit_without_retry_after_uses_the_default_wait()
    {
        await using var server = await FeedServer.StartAsync();
        server.Status("/busy", 429);
        using var fetcher = new TestFetcher(o => o.DefaultRateLimitWait = TimeSpan.FromMinutes(3));

        var result = await fetcher.FetchAsync(server.Url("/busy"));

        Assert.Equal(FetchErrorKind.RateLimited, result.ErrorKind);
        Assert.Equal(TimeSpan.FromMinutes(3), result.RetryAfter);
        Assert.Equal("HTTP 429 from 127.0.0.1: Too Many Requests (retry after 180 s)", result.Error);
        Assert.NotNull(fetcher.Throttle.BlockedFor("127.0.0.1"));
    }

    [Fact]
    public void Longer_block_wins_and_expires_on_time()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));
        var throttle = new HostThrottle(4, 2, clock);

        throttle.Block("news.example", TimeSpan.FromMinutes(5));
        throttle.Block("news.example", TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromMinutes(5), throttle.BlockedFor("news.example"));
        Assert.Null(throttle.BlockedFor("other.example"));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(throttle.BlockedFor("news.example"));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
