using Monitor.Core.Feeds;
using static Monitor.Core.Tests.Feeds.FeedTestData;

namespace Monitor.Core.Tests.Feeds;

/// <summary>Each wire format and the namespaces publishers use land in the one model.</summary>
public sealed class FeedFormatTests
{
    [Fact]
    public void Rss2_item_reads_content_encoded_dc_creator_media_and_enclosure()
    {
        var doc = ParseOk(Rss("""
            <item>
              <title>Statement &lt;b&gt;on&lt;/b&gt; talks</title>
              <link>https://Example.COM:443/news/1?utm_source=rss&amp;id=7#top</link>
              <guid isPermaLink="false">urn:statement:1</guid>
              <description>short</description>
              <content:encoded><![CDATA[<p>Para one.</p><p>Para <script>alert(1)</script>two.</p>]]></content:encoded>
              <dc:creator>Press office</dc:creator>
              <dc:date>2018-11-26T14:05:00+03:00</dc:date>
              <category>politics</category>
              <enclosure url="http://example.com/a.mp3" type="audio/mpeg" length="123"/>
              <media:content url="http://example.com/v.mp4" type="video/mp4" fileSize="456"/>
            </item>
            """, rootAttributes: "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:media=\"http://search.yahoo.com/mrss/\""));
        Assert.Equal(FeedFormat.Rss20, doc.Format);
        Assert.False(doc.IsMalformed);
        var e = Assert.Single(doc.Entries);
        Assert.Equal("Statement on talks", e.Title);
        Assert.Equal("https://example.com/news/1?id=7", e.Link);
        Assert.Equal("urn:statement:1", e.Id);
        Assert.Equal("Para one.\nPara two.", e.Text);
        Assert.Equal("<p>Para one.</p><p>Para two.</p>", e.Html);
        Assert.Equal("Press office", e.Author);
        Assert.Equal(new DateTimeOffset(2018, 11, 26, 11, 5, 0, TimeSpan.Zero), e.Published);
        Assert.Equal(["politics"], e.Categories);
        Assert.Equal(2, e.Enclosures.Count);
        Assert.Equal(new FeedEnclosure("http://example.com/a.mp3", "audio/mpeg", 123), e.Enclosures[0]);
    }

    [Fact]
    public void Permalink_guid_stands_in_for_a_missing_link()
    {
        var doc = ParseOk(Rss("<item><title>a</title><guid>http://example.com/p/1</guid></item><item><title>b</title><guid isPermaLink=\"false\">http://example.com/p/2</guid></item>"));
        Assert.Equal("http://example.com/p/1", doc.Entries[0].Link);
        Assert.Null(doc.Entries[1].Link);
        Assert.Equal("http://example.com/p/2", doc.Entries[1].Id);
    }

    [Fact]
    public void Atom10_uses_alternate_link_and_resolves_xml_base()
    {
        var doc = ParseOk("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/base/">
              <title type="html">Coalition &amp;lt;News&amp;gt;</title>
              <link rel="self" href="/feed.atom"/>
              <link rel="alternate" href="index.html"/>
              <entry xml:base="posts/">
                <id>tag:example.org,2018:1</id>
                <title>One</title>
                <link rel="enclosure" href="a.mp3" type="audio/mpeg"/>
                <link href="one.html"/>
                <published>2018-11-26T14:05:00Z</published>
                <updated>2018-11-27T10:00:00Z</updated>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <a href="two.html">next</a></p></div></content>
              </entry>
            </feed>
            """);
        Assert.Equal(FeedFormat.Atom10, doc.Format);
        Assert.Equal("Coalition <News>", doc.Title);
        Assert.Equal("http://example.org/base/index.html", doc.Link);
        var e = Assert.Single(doc.Entries);
        Assert.Equal("http://example.org/base/posts/one.html", e.Link);
        Assert.Equal("http://example.org/base/posts/a.mp3", e.Enclosures[0].Url);
        Assert.Equal(new DateTimeOffset(2018, 11, 27, 10, 0, 0, TimeSpan.Zero), e.Updated);
        Assert.Contains("href=\"http://example.org/base/posts/two.html\"", e.Html, StringComparison.Ordinal);
        Assert.Equal("Hello next", e.Text);
    }

    [Fact]
    public void Atom03_feed_is_read()
    {
        var doc = ParseOk("""
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title>
              <entry><title mode="escaped" type="text/html">A &amp;amp; B</title><link rel="alternate" type="text/html" href="http://e.org/1"/>
              <issued>2004-01-01T10:00:00Z</issued><content type="text/html" mode="escaped">&lt;p&gt;x&lt;/p&gt;</content></entry></feed>
            """);
        Assert.Equal(FeedFormat.Atom03, doc.Format);
        Assert.Equal("A & B", doc.Entries[0].Title);
        Assert.Equal("x", doc.Entries[0].Text);
        Assert.Equal(new DateTimeOffset(2004, 1, 1, 10, 0, 0, TimeSpan.Zero), doc.Entries[0].Published);
    }

    [Fact]
    public void Rss10_rdf_items_are_siblings_of_the_channel()
    {
        var doc = ParseOk("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="http://e.org/"><title>R</title><link>http://e.org/</link><items><rdf:Seq><rdf:li resource="http://e.org/1"/></rdf:Seq></items></channel>
              <item rdf:about="http://e.org/1"><title>one</title><link>http://e.org/1</link><dc:date>2018-11-26T14:05:00Z</dc:date></item>
            </rdf:RDF>
            """);
        Assert.Equal(FeedFormat.Rss10, doc.Format);
        Assert.Equal("R", doc.Title);
        var e = Assert.Single(doc.Entries);
        Assert.Equal("http://e.org/1", e.Id);
        Assert.False(e.DateIsFallback);
    }

    [Fact]
    public void Rss_relative_links_resolve_against_the_document_uri()
    {
        var doc = ParseOk(Rss("<item><title>a</title><link>/news/1</link></item>"), Options(baseUri: new Uri("http://site.example/feed.xml")));
        Assert.Equal("http://site.example/news/1", doc.Entries[0].Link);
    }

    [Fact]
    public void Entries_beyond_the_limit_are_dropped_with_a_warning()
    {
        var items = string.Concat(Enumerable.Range(0, 10).Select(i => $"<item><title>{i}</title></item>"));
        var doc = ParseOk(Rss(items), Options(maxEntries: 3));
        Assert.Equal(3, doc.Entries.Count);
        Assert.Contains(doc.Warnings, w => w.Contains("7 entries beyond the limit of 3", StringComparison.Ordinal));
    }

    [Fact]
    public void Channel_ttl_and_language_are_read()
    {
        var doc = ParseOk(Rss("", "<ttl>30</ttl><language>ar</language>"));
        Assert.Equal(TimeSpan.FromMinutes(30), doc.Ttl);
        Assert.Equal("ar", doc.Language);
    }
}
