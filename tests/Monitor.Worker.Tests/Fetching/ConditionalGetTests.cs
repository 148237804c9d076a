using Monitor.Worker.Fetching;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Fetching;

/// <summary>Risk: re-downloading unchanged feeds every poll wastes the sites' bandwidth and our time.</summary>
public sealed class ConditionalGetTests
{
    private const string Feed = "<rss version=\"2.0\"><channel><title>بيان</title></channel></rss>";

    [Fact]
    public async Task Second_fetch_with_stored_validators_gets_304_and_transfers_no_body()
    {
        await using var server = await FeedServer.StartAsync();
        server.Content("/feed", Feed);
        using var fetcher = new TestFetcher();

        var first = await fetcher.FetchAsync(server.Url("/feed"));
        Assert.Equal(FetchStatus.Content, first.Status);
        Assert.Equal(Feed, System.Text.Encoding.UTF8.GetString(first.Body));
        Assert.NotNull(first.ETag);
        Assert.NotNull(first.LastModified);
        var bytesAfterFirst = server.BytesSent("/feed");

        var second = await fetcher.FetchAsync(server.Url("/feed"), first.ETag, first.LastModified);

        Assert.Equal(FetchStatus.NotModified, second.Status);
        Assert.Equal(304, second.HttpStatus);
        Assert.Empty(second.Body);
        Assert.Equal(0, second.BytesRead);
        Assert.Equal(bytesAfterFirst, server.BytesSent("/feed"));
        Assert.Equal(first.ETag, second.ETag);
        Assert.Equal(2, server.RequestCount("/feed"));
    }

    [Fact]
    public async Task Last_modified_alone_is_enough_for_304()
    {
        await using var server = await FeedServer.StartAsync();
        server.Content("/feed", Feed);
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(server.Url("/feed"), etag: null, lastModified: FeedServer.DefaultLastModified.ToString("R"));

        Assert.Equal(FetchStatus.NotModified, result.Status);
        Assert.Equal(0, server.BytesSent("/feed"));
    }

    [Fact]
    public async Task Changed_feed_is_downloaded_despite_old_etag()
    {
        await using var server = await FeedServer.StartAsync();
        server.Content("/feed", Feed);
        using var fetcher = new TestFetcher();
        var first = await fetcher.FetchAsync(server.Url("/feed"));

        server.Content("/feed", Feed.Replace("بيان", "بيان جديد"), lastModified: FeedServer.DefaultLastModified.AddHours(1));
        var second = await fetcher.FetchAsync(server.Url("/feed"), first.ETag, first.LastModified);

        Assert.Equal(FetchStatus.Content, second.Status);
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Contains("بيان جديد", System.Text.Encoding.UTF8.GetString(second.Body));
    }

    [Fact]
    public async Task Request_names_the_service_and_asks_for_feeds()
    {
        await using var server = await FeedServer.StartAsync();
        server.Content("/feed", Feed);
        using var fetcher = new TestFetcher();

        await fetcher.FetchAsync(server.Url("/feed"));

        var headers = server.LastRequestHeaders("/feed")!;
        Assert.Equal("Monitor-Test/1.0 (news monitoring)", headers.UserAgent.ToString());
        Assert.Contains("application/rss+xml", headers.Accept.ToString());
        Assert.Contains("application/atom+xml", headers.Accept.ToString());
        Assert.Contains("gzip", headers.AcceptEncoding.ToString());
        Assert.Contains("br", headers.AcceptEncoding.ToString());
    }
}
