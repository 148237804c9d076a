using Monitor.Core.Feeds;
using static Monitor.Core.Tests.Feeds.FeedTestData;

namespace Monitor.Core.Tests.Feeds;

/// <summary>Old CMSs emit broken XML; every entry that can be read must be read, and the document flagged as malformed.</summary>
public sealed class MalformedXmlTests
{
    [Fact]
    public void Bare_ampersand_is_recovered_and_flagged()
    {
        var doc = ParseOk(Rss("<item><title>Tom & Jerry</title><link>http://example.com/a?x=1&y=2</link></item>"));
        Assert.True(doc.IsMalformed);
        Assert.Equal("Tom & Jerry", doc.Entries[0].Title);
        Assert.Equal("http://example.com/a?x=1&y=2", doc.Entries[0].Link);
        Assert.Contains(doc.Warnings, w => w.Contains("bare '&'", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_named_entities_outside_cdata_are_decoded()
    {
        var doc = ParseOk(Rss("<item><title>بيان&nbsp;الائتلاف &raquo; عاجل &hellip;</title></item>"));
        Assert.True(doc.IsMalformed);
        Assert.Equal("بيان\u00A0الائتلاف » عاجل …", doc.Entries[0].Title);
    }

    [Fact]
    public void Entities_inside_cdata_are_left_to_the_html_layer()
    {
        var doc = ParseOk(Rss("<item><title>a</title><description><![CDATA[<p>x &amp; y&nbsp;z</p>]]></description></item>"));
        Assert.False(doc.IsMalformed);
        Assert.Equal("x & y\u00A0z", doc.Entries[0].Text);
    }

    [Fact]
    public void Control_characters_are_removed()
    {
        var doc = ParseOk(Rss("<item><title>a\u0001b\u000Bc</title></item>"));
        Assert.True(doc.IsMalformed);
        Assert.Equal("abc", doc.Entries[0].Title);
    }

    [Fact]
    public void Truncated_document_keeps_every_complete_entry()
    {
        var xml = Rss("<item><title>one</title></item><item><title>two</title></item><item><title>thr");
        var doc = ParseOk(xml[..xml.IndexOf("thr", StringComparison.Ordinal)]);
        Assert.True(doc.IsMalformed);
        Assert.Equal(["one", "two"], doc.Entries.Select(e => e.Title).Take(2));
        Assert.Contains(doc.Warnings, w => w.Contains("broke off", StringComparison.Ordinal));
    }

    [Fact]
    public void Mismatched_tag_keeps_the_entries_before_it()
    {
        var doc = ParseOk(Rss("<item><title>one</title></item><item><title>two</titel></item><item><title>three</title></item>"));
        Assert.True(doc.IsMalformed);
        Assert.Equal("one", doc.Entries[0].Title);
    }

    [Fact]
    public void Unescaped_less_than_in_text_is_recovered()
    {
        var doc = ParseOk(Rss("<item><title>1 < 2</title></item>"));
        Assert.Equal("1 < 2", doc.Entries[0].Title);
        Assert.True(doc.IsMalformed);
    }

    [Fact]
    public void Undeclared_namespace_prefix_is_declared_and_read()
    {
        var doc = ParseOk(Rss("<item><title>a</title><dc:creator>Ali</dc:creator><itunes:summary>s</itunes:summary></item>"));
        Assert.Equal("Ali", doc.Entries[0].Author);
        Assert.True(doc.IsMalformed);
    }

    [Fact]
    public void Whitespace_before_the_xml_declaration_is_tolerated()
    {
        var doc = ParseOk("\n\n  " + Rss("<item><title>a</title></item>"));
        Assert.Equal("a", doc.Entries[0].Title);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Empty_input_is_an_empty_error(string text)
    {
        var result = FeedParser.Parse(System.Text.Encoding.UTF8.GetBytes(text), Options());
        Assert.Equal(ParseErrorKind.Empty, result.Error!.Kind);
    }

    [Theory]
    [InlineData("<html><body>hello</body></html>", ParseErrorKind.NotAFeed)]
    [InlineData("not xml at all", ParseErrorKind.Malformed)]
    [InlineData("\u0000\u0001\u0002", ParseErrorKind.Malformed)]
    public void Non_feeds_are_specific_errors_not_exceptions(string text, ParseErrorKind kind)
    {
        var result = FeedParser.Parse(System.Text.Encoding.UTF8.GetBytes(text), Options());
        Assert.False(result.IsSuccess);
        Assert.Equal(kind, result.Error!.Kind);
    }

    [Fact]
    public void Random_and_mutated_bytes_never_throw()
    {
        var random = new Random(42);
        var valid = System.Text.Encoding.UTF8.GetBytes(Rss("<item><title>بيان &amp; x</title><description><![CDATA[<p>a</p>]]></description><pubDate>Mon, 26 Nov 2018 14:05:00 GMT</pubDate></item>"));
        for (var i = 0; i < 500; i++)
        {
            byte[] bytes;
            if (i % 2 == 0)
            {
                bytes = new byte[random.Next(1, 400)];
                random.NextBytes(bytes);
            }
            else
            {
                // Mutate a valid feed: flip bytes, then cut it somewhere.
                bytes = (byte[])valid.Clone();
                for (var k = 0; k < 1 + i % 7; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                bytes = bytes[..random.Next(1, bytes.Length)];
            }
            var result = FeedParser.Parse(bytes, Options());
            Assert.True(result.IsSuccess || result.Error is not null);
        }
    }
}
