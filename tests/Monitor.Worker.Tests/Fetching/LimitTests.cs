using Monitor.Worker.Fetching;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Fetching;

/// <summary>Risk: one hostile server (huge body, trickle, silence) exhausting memory or holding a worker forever.</summary>
public sealed class LimitTests
{
    private const long Limit = 1024 * 1024;

    [Fact]
    public async Task Endless_one_gigabyte_body_is_cut_at_the_limit_without_buffering_it()
    {
        await using var server = await FeedServer.StartAsync();
        server.Huge("/huge", totalBytes: 1L << 30);
        using var fetcher = new TestFetcher(o => o.MaxBodyBytes = Limit);

        var result = await fetcher.FetchAsync(server.Url("/huge"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(FetchErrorKind.TooLarge, result.ErrorKind);
        Assert.Contains("exceeded 1 MiB limit", result.Error);
        // Reading stops one byte past the limit: memory held is bounded by the limit, not by what the server offers.
        Assert.Equal(Limit + 1, result.BytesRead);
        Assert.Empty(result.Body);
    }

    [Fact]
    public async Task Declared_oversized_body_is_refused_before_download()
    {
        await using var server = await FeedServer.StartAsync();
        server.Huge("/huge", totalBytes: 1L << 30, declareLength: true);
        using var fetcher = new TestFetcher(o => o.MaxBodyBytes = Limit);

        var result = await fetcher.FetchAsync(server.Url("/huge"));

        Assert.Equal(FetchErrorKind.TooLarge, result.ErrorKind);
        Assert.Contains("declared a 1024 MiB body", result.Error);
        Assert.Equal(0, result.BytesRead);
    }

    [Fact]
    public async Task Body_exactly_at_the_limit_is_accepted()
    {
        await using var server = await FeedServer.StartAsync();
        server.Huge("/full", totalBytes: Limit);
        using var fetcher = new TestFetcher(o => o.MaxBodyBytes = Limit);

        var result = await fetcher.FetchAsync(server.Url("/full"));

        Assert.Equal(FetchStatus.Content, result.Status);
        Assert.Equal(Limit, result.Body.Length);
    }

    [Fact]
    public async Task Trickling_server_is_stopped_by_the_total_timeout()
    {
        await using var server = await FeedServer.StartAsync();
        server.Trickle("/trickle", TimeSpan.FromMilliseconds(200));
        // The stall timer never fires (a byte comes every 200 ms); only the total timeout can end this.
        using var fetcher = new TestFetcher(o => { o.Timeout = TimeSpan.FromSeconds(1.5); o.StallTimeout = TimeSpan.FromSeconds(1); });

        var result = await fetcher.FetchAsync(server.Url("/trickle"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(FetchErrorKind.Timeout, result.ErrorKind);
        Assert.Contains("timed out after 1.5 s", result.Error);
        Assert.Contains("body still arriving", result.Error);
        Assert.InRange(result.BytesRead, 1, 100);
    }

    [Fact]
    public async Task Body_that_stops_arriving_fails_as_stalled()
    {
        await using var server = await FeedServer.StartAsync();
        server.Handle("/stall", async ctx =>
        {
            await ctx.Response.StartAsync();
            await ctx.Response.Body.WriteAsync("<rss>"u8.ToArray());
            await ctx.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted);
        });
        using var fetcher = new TestFetcher(o => { o.Timeout = TimeSpan.FromSeconds(10); o.StallTimeout = TimeSpan.FromMilliseconds(500); });

        var result = await fetcher.FetchAsync(server.Url("/stall"));

        Assert.Equal(FetchErrorKind.Stalled, result.ErrorKind);
        Assert.Contains("no data for 0.5 s (stalled after 5 bytes)", result.Error);
    }

    [Fact]
    public async Task Server_that_never_answers_times_out_with_a_clear_message()
    {
        await using var server = await FeedServer.StartAsync();
        server.Delay("/slow", TimeSpan.FromSeconds(30));
        using var fetcher = new TestFetcher(o => o.Timeout = TimeSpan.FromSeconds(1));

        var result = await fetcher.FetchAsync(server.Url("/slow"));

        Assert.Equal(FetchErrorKind.Timeout, result.ErrorKind);
        Assert.Equal("timed out after 1 s fetching 127.0.0.1 (no response)", result.Error);
        Assert.Null(result.HttpStatus);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_a_fetch_failure()
    {
        await using var server = await FeedServer.StartAsync();
        server.Delay("/slow", TimeSpan.FromSeconds(30));
        using var fetcher = new TestFetcher();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fetcher.Fetcher.FetchAsync(new FetchRequest(server.Url("/slow"), null, null, false), cts.Token));
    }

    [Fact]
    public async Task Hostile_source_does_not_hold_up_a_good_one_on_the_same_host()
    {
        await using var server = await FeedServer.StartAsync();
        server.Trickle("/trickle", TimeSpan.FromMilliseconds(100)).Content("/good", "<rss/>");
        using var fetcher = new TestFetcher(o => { o.Timeout = TimeSpan.FromSeconds(1.5); o.PerHostConcurrency = 2; });

        var hostile = fetcher.FetchAsync(server.Url("/trickle"));
        var good = await fetcher.FetchAsync(server.Url("/good"));

        Assert.Equal(FetchStatus.Content, good.Status);
        Assert.False(hostile.IsCompleted, "the good source finished while the hostile one was still trickling");
        Assert.Equal(FetchErrorKind.Timeout, (await hostile).ErrorKind);
    }
}
