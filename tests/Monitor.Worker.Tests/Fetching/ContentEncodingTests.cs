using System.Text;
using Monitor.Worker.Fetching;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Fetching;

/// <summary>Risk: a compressed feed handed to the parser still compressed, or a bomb decompressed without limit.</summary>
public sealed class ContentEncodingTests
{
    private static readonly byte[] Feed = Encoding.UTF8.GetBytes(
        "<rss version=\"2.0\"><channel><title>الائتلاف الوطني</title>" + string.Concat(Enumerable.Repeat("<item><title>خبر</title></item>", 200)) + "</channel></rss>");

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task Compressed_body_is_decoded_before_it_is_returned(string coding)
    {
        await using var server = await FeedServer.StartAsync();
        server.Encoded("/feed", Feed, coding);
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(server.Url("/feed"));

        Assert.Equal(FetchStatus.Content, result.Status);
        Assert.Equal(Feed, result.Body);
        Assert.Equal(Feed.Length, result.BytesRead);
        Assert.True(server.BytesSent("/feed") < Feed.Length, "the server really sent compressed bytes");
        Assert.StartsWith("application/rss+xml", result.ContentType);
    }

    [Fact]
    public async Task Gzip_bomb_is_cut_at_the_limit_after_decompression()
    {
        await using var server = await FeedServer.StartAsync();
        server.GzipBomb("/bomb", decompressedBytes: 1L << 30);
        using var fetcher = new TestFetcher(o => o.MaxBodyBytes = 2 * 1024 * 1024);

        var result = await fetcher.FetchAsync(server.Url("/bomb"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(FetchErrorKind.TooLarge, result.ErrorKind);
        Assert.Contains("exceeded 2 MiB limit after decompression", result.Error);
        Assert.InRange(result.BytesRead, 2 * 1024 * 1024 + 1, 2 * 1024 * 1024 + 1);
        Assert.Empty(result.Body);
        Assert.True(server.BytesSent("/bomb") < 1024 * 1024, "only a small part of the compressed stream was sent");
    }

    [Fact]
    public async Task Corrupt_gzip_body_fails_with_a_protocol_error()
    {
        await using var server = await FeedServer.StartAsync();
        server.Handle("/corrupt", async ctx =>
        {
            ctx.Response.Headers.ContentEncoding = "gzip";
            await ctx.Response.Body.WriteAsync(Encoding.ASCII.GetBytes("this is not gzip at all, just text"));
        });
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(server.Url("/corrupt"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(FetchErrorKind.Protocol, result.ErrorKind);
        Assert.Contains("content encoding could not be decoded", result.Error);
    }
}
