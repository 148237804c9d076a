using Monitor.Core.Feeds;

namespace Monitor.Core.Tests.Feeds;

/// <summary>The same article must get the same link whatever tracking or spelling the feed adds.</summary>
public sealed class LinkCanonicalizerTests
{
    [Theory]
    [InlineData("HTTP://Example.COM:80/Path/A?b=1#frag", "http://example.com/Path/A?b=1")]
    [InlineData("https://example.com:443/a", "https://example.com/a")]
    [InlineData("https://example.com:8443/a", "https://example.com:8443/a")]
    [InlineData("https://example.com/a?utm_source=x&id=5&utm_medium=rss&fbclid=abc&gclid=1&z=2", "https://example.com/a?id=5&z=2")]
    [InlineData("https://example.com/a?utm_campaign=x", "https://example.com/a")]
    [InlineData("https://example.com/a?z=1&a=2", "https://example.com/a?z=1&a=2")]
    [InlineData("https://example.com", "https://example.com/")]
    [InlineData("https://example.com/عربي", "https://example.com/%D8%B9%D8%B1%D8%A8%D9%8A")]
    public void Canonicalizes_absolute_links(string input, string expected) => Assert.Equal(expected, LinkCanonicalizer.Canonicalize(input, null));

    [Fact]
    public void Resolves_relative_links_against_the_base() =>
        Assert.Equal("https://example.org/news/2", LinkCanonicalizer.Canonicalize("../news/2", new Uri("https://example.org/feeds/main.xml")));

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,x")]
    public void Refuses_empty_and_script_links(string? input) => Assert.Null(LinkCanonicalizer.Canonicalize(input, null));
}
