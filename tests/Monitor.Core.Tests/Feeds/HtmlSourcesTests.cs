using System.Text;
using Monitor.Core.Feeds;
using static Monitor.Core.Tests.Feeds.FeedTestData;

namespace Monitor.Core.Tests.Feeds;

/// <summary>Statement pages are often plain HTML: find their feeds, or read them with selectors.</summary>
public sealed class HtmlSourcesTests
{
    private const string Page = """
        <!DOCTYPE html>
        <html lang="ar"><head><title>بيانات الائتلاف</title>
          <base href="https://coalition.example/ar/">
          <link rel="alternate" type="application/rss+xml" title="RSS" href="feed.xml">
          <link rel="alternate" type="application/atom+xml" href="https://coalition.example/atom.xml">
          <link rel="alternate" type="text/html" hreflang="en" href="/en/">
          <link rel="stylesheet" href="s.css">
        </head><body>
          <div class="statement"><h2><a href="statements/1?utm_source=x">بيان حول جنيف</a></h2><span class="date">٢٦ تشرين الثاني ٢٠١٨ ١٤:٠٥</span><div class="body"><p>نص البيان <script>x()</script></p></div></div>
          <div class="statement"><h2><a href="statements/2">بيان ثان</a></h2><span class="date">منذ ساعتين</span></div>
          <div class="statement"><span class="date">no title or link here</span></div>
        </body></html>
        """;

    [Fact]
    public void Autodiscovery_finds_rss_and_atom_links_resolved_against_base_href()
    {
        var feeds = FeedAutodiscovery.FindFeeds(Encoding.UTF8.GetBytes(Page), "text/html; charset=utf-8", new Uri("https://coalition.example/ar/statements"));
        Assert.Equal([new Uri("https://coalition.example/ar/feed.xml"), new Uri("https://coalition.example/atom.xml")], feeds);
    }

    [Fact]
    public void Autodiscovery_without_feed_links_finds_nothing() =>
        Assert.Empty(FeedAutodiscovery.FindFeeds(Encoding.UTF8.GetBytes("<html><head></head><body>x</body></html>"), null, new Uri("https://e.org/")));

    [Fact]
    public void Html_page_is_read_with_css_selectors()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test/Damascus", TimeSpan.FromHours(3), "Damascus", "Damascus");
        var result = HtmlPageParser.Parse(Encoding.UTF8.GetBytes(Page), new HtmlSelectors("div.statement", "h2", "h2 a", ".date", ".body"),
            Options(baseUri: new Uri("https://coalition.example/ar/statements"), zone: zone));
        Assert.True(result.IsSuccess, result.Error?.ToString());
        var doc = result.Document!;
        Assert.Equal(FeedFormat.Html, doc.Format);
        Assert.Equal("بيانات الائتلاف", doc.Title);
        Assert.Equal(2, doc.Entries.Count);
        var first = doc.Entries[0];
        Assert.Equal("بيان حول جنيف", first.Title);
        Assert.Equal("https://coalition.example/ar/statements/1", first.Link);
        Assert.Equal(new DateTimeOffset(2018, 11, 26, 11, 5, 0, TimeSpan.Zero), first.Published);
        Assert.Equal("نص البيان", first.Text);
        Assert.Equal("<p>نص البيان </p>", first.Html);
        Assert.Equal(FetchedAt.AddHours(-2), doc.Entries[1].Published);
        Assert.False(doc.Entries[1].DateIsFallback);
    }

    [Fact]
    public void Html_page_with_no_matching_items_is_a_clear_error()
    {
        var result = HtmlPageParser.Parse(Encoding.UTF8.GetBytes(Page), new HtmlSelectors("li.none", "a", "a", null, null), Options());
        Assert.Equal(ParseErrorKind.NotAFeed, result.Error!.Kind);
        Assert.Contains("li.none", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_page_with_an_invalid_selector_is_a_clear_error()
    {
        var result = HtmlPageParser.Parse(Encoding.UTF8.GetBytes(Page), new HtmlSelectors("div[[", "a", "a", null, null), Options());
        Assert.False(result.IsSuccess);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>x</body></html>", true)]
    [InlineData("\n<html lang=\"ar\">", true)]
    [InlineData("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>", false)]
    [InlineData("<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>", false)]
    [InlineData("<!-- c --><head><title>x</title></head>", true)]
    public void Sniffer_tells_html_from_feeds(string text, bool html)
    {
        Assert.Equal(html, FeedSniffer.LooksLikeHtml(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(!html, FeedSniffer.LooksLikeFeed(Encoding.UTF8.GetBytes(text)));
    }
}
