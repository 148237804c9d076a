using Microsoft.AspNetCore.Http;
using Monitor.Worker.Fetching;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Fetching;

/// <summary>Risk: an operator cannot tell from the recorded error why a source fails.</summary>
public sealed class HttpErrorTests
{
    [Theory]
    [InlineData(500, "HTTP 500 from 127.0.0.1: Internal Server Error")]
    [InlineData(404, "HTTP 404 from 127.0.0.1: Not Found (the feed URL does not exist: check the source's URL)")]
    [InlineData(410, "HTTP 410 from 127.0.0.1: Gone (the site says the feed was removed for good)")]
    [InlineData(403, "HTTP 403 from 127.0.0.1: Forbidden (the site refuses us: credentials or a block)")]
    public async Task Http_error_status_is_a_failure_with_a_specific_message(int status, string expected)
    {
        await using var server = await FeedServer.StartAsync();
        server.Status("/feed", status, body: "error page");
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(server.Url("/feed"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(FetchErrorKind.HttpError, result.ErrorKind);
        Assert.Equal(status, result.HttpStatus);
        Assert.Equal(expected, result.Error);
        Assert.Empty(result.Body);
    }

    [Fact]
    public async Task Service_unavailable_with_retry_after_says_how_long_to_wait()
    {
        await using var server = await FeedServer.StartAsync();
        server.Status("/feed", 503, retryAfter: "120");
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(server.Url("/feed"));

        Assert.Equal(FetchErrorKind.HttpError, result.ErrorKind);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
        Assert.Equal("HTTP 503 from 127.0.0.1: Service Unavailable (retry after 120 s)", result.Error);
    }

    [Fact]
    public async Task Retry_after_as_http_date_is_understood()
    {
        await using var server = await FeedServer.StartAsync();
        server.Handle("/feed", ctx =>
        {
            var now = DateTimeOffset.UtcNow;
            ctx.Response.StatusCode = 429;
            ctx.Response.Headers.Date = now.ToString("R");
            ctx.Response.Headers.RetryAfter = now.AddMinutes(10).ToString("R");
            return Task.CompletedTask;
        });
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(server.Url("/feed"));

        Assert.Equal(FetchErrorKind.RateLimited, result.ErrorKind);
        Assert.Equal(TimeSpan.FromMinutes(10), result.RetryAfter);
    }

    [Fact]
    public async Task Absurd_retry_after_is_capped()
    {
        await using var server = await FeedServer.StartAsync();
        server.Status("/feed", 429, retryAfter: "99999999");
        using var fetcher = new TestFetcher(o => o.MaxRetryAfter = TimeSpan.FromHours(2));

        var result = await fetcher.FetchAsync(server.Url("/feed"));

        Assert.Equal(TimeSpan.FromHours(2), result.RetryAfter);
    }

    [Fact]
    public async Task Connection_reset_without_response_is_reported()
    {
        await using var server = await FeedServer.StartAsync();
        server.Reset("/feed");
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(server.Url("/feed"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Contains(result.ErrorKind, new FetchErrorKind?[] { FetchErrorKind.ConnectionReset, FetchErrorKind.Protocol });
        Assert.Contains("127.0.0.1", result.Error);
    }

    [Fact]
    public async Task Cache_control_max_age_is_returned_as_a_polling_hint()
    {
        await using var server = await FeedServer.StartAsync();
        server.Handle("/feed", async ctx =>
        {
            ctx.Response.Headers.CacheControl = "public, max-age=900";
            await ctx.Response.WriteAsync("<rss/>");
        });
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(server.Url("/feed"));

        Assert.Equal(TimeSpan.FromMinutes(15), result.CacheMaxAge);
    }
}
