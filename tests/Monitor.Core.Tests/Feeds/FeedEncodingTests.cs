using System.Text;
using Monitor.Core.Feeds;
using static Monitor.Core.Tests.Feeds.FeedTestData;

namespace Monitor.Core.Tests.Feeds;

/// <summary>Arabic sites serve windows-1256, ISO-8859-6, UTF-16 and mislabelled UTF-8: every path must end in the right text.</summary>
public sealed class FeedEncodingTests
{
    private const string ArabicTitle = "الائتلاف الوطني السوري يدين القصف";

    private static byte[] ArabicFeed(string encodingName, string? declared, bool bom = false)
    {
        var decl = declared is null ? "<?xml version=\"1.0\"?>" : $"<?xml version=\"1.0\" encoding=\"{declared}\"?>";
        var xml = decl + $"<rss version=\"2.0\"><channel><title>{ArabicTitle}</title><item><title>{ArabicTitle}</title></item></channel></rss>";
        var enc = Enc(encodingName);
        var body = enc.GetBytes(xml);
        return bom ? [.. enc.GetPreamble(), .. body] : body;
    }

    [Fact]
    public void Parses_windows1256_feed_declared_in_xml_prolog()
    {
        var doc = ParseOk(ArabicFeed("windows-1256", "windows-1256"));
        Assert.Equal(ArabicTitle, doc.Title);
        Assert.Equal(ArabicTitle, doc.Entries[0].Title);
    }

    [Fact]
    public void Parses_iso_8859_6_feed_declared_in_xml_prolog()
    {
        var doc = ParseOk(ArabicFeed("iso-8859-6", "ISO-8859-6"));
        Assert.Equal(ArabicTitle, doc.Title);
    }

    [Fact]
    public void Http_charset_wins_over_the_xml_prolog()
    {
        // Bytes are windows-1256, the prolog lies (ISO-8859-1), the HTTP header tells the truth.
        var doc = ParseOk(ArabicFeed("windows-1256", "ISO-8859-1"), Options("application/rss+xml; charset=windows-1256"));
        Assert.Equal(ArabicTitle, doc.Title);
    }

    [Fact]
    public void Byte_order_mark_wins_over_http_charset_and_prolog()
    {
        var bytes = ArabicFeed("utf-16", "windows-1256", bom: true);
        var doc = ParseOk(bytes, Options("text/xml; charset=iso-8859-6"));
        Assert.Equal(ArabicTitle, doc.Title);
    }

    [Fact]
    public void Parses_utf16_big_endian_with_bom()
    {
        var doc = ParseOk(ArabicFeed("utf-16BE", "UTF-16", bom: true));
        Assert.Equal(ArabicTitle, doc.Title);
    }

    [Fact]
    public void Parses_utf16_little_endian_without_bom()
    {
        var doc = ParseOk(ArabicFeed("utf-16", "UTF-16", bom: false));
        Assert.Equal(ArabicTitle, doc.Title);
    }

    [Fact]
    public void Valid_utf8_bytes_are_utf8_even_when_declared_windows1256()
    {
        var result = FeedParser.Parse(ArabicFeed("utf-8", "windows-1256"), Options("text/xml; charset=windows-1256"));
        Assert.True(result.IsSuccess);
        Assert.Equal(ArabicTitle, result.Document!.Title);
        Assert.Contains(result.Document.Warnings, w => w.Contains("valid UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void Undeclared_windows1256_falls_back_to_a_lossless_single_byte_reading_with_a_warning()
    {
        var result = FeedParser.Parse(ArabicFeed("windows-1256", null), Options());
        Assert.True(result.IsSuccess);
        Assert.Contains(result.Document!.Warnings, w => w.Contains("not valid UTF-8", StringComparison.Ordinal));
        Assert.False(string.IsNullOrEmpty(result.Document.Title));
    }

    [Fact]
    public void Unknown_charset_label_does_not_throw()
    {
        var result = FeedParser.Parse(Encoding.UTF8.GetBytes("<rss><channel><title>x</title></channel></rss>"), Options("text/xml; charset=x-no-such-thing"));
        Assert.True(result.IsSuccess);
        Assert.Equal("x", result.Document!.Title);
    }
}
