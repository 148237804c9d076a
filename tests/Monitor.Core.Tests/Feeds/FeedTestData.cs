using System.Text;
using Monitor.Core.Feeds;

namespace Monitor.Core.Tests.Feeds;

/// <summary>Small helpers for feed tests: options with a fixed fetch time, and parsing that must succeed.</summary>
internal static class FeedTestData
{
    public static readonly DateTimeOffset FetchedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    static FeedTestData() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static FeedParseOptions Options(string? contentType = null, Uri? baseUri = null, int maxEntries = 10_000, TimeZoneInfo? zone = null) => new()
    {
        ContentType = contentType,
        BaseUri = baseUri,
        FetchedAt = FetchedAt,
        MaxEntries = maxEntries,
        DefaultZone = zone ?? TimeZoneInfo.Utc,
    };

    public static Encoding Enc(string name) => Encoding.GetEncoding(name);

    public static FeedDocument ParseOk(byte[] bytes, FeedParseOptions? options = null)
    {
        var result = FeedParser.Parse(bytes, options ?? Options());
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Document!;
    }

    public static FeedDocument ParseOk(string xml, FeedParseOptions? options = null) => ParseOk(Encoding.UTF8.GetBytes(xml), options);

    public static string Rss(string items, string channelExtra = "", string rootAttributes = "") =>
        $"<?xml version=\"1.0\"?><rss version=\"2.0\" {rootAttributes}><channel><title>T</title><link>http://example.com/</link>{channelExtra}{items}</channel></rss>";
}
