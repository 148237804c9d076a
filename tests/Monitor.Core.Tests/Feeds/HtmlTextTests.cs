using Monitor.Core.Feeds;

namespace Monitor.Core.Tests.Feeds;

/// <summary>Text goes into dedup and emails; sanitised HTML goes into emails: no script may survive, no remote content loads.</summary>
public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("<p>One</p><p>Two<br>Three</p>", "One\nTwo\nThree")]
    [InlineData("a &amp; b &nbsp;c &#1576; &#x628; &raquo;", "a & b \u00A0c ب ب »")]
    [InlineData("<script>var x = '<p>';</script>Text<style>p{}</style>", "Text")]
    [InlineData("  many   spaces\n\tand tabs  ", "many spaces and tabs")]
    [InlineData("<div>x</div><!-- hidden --><div>y</div>", "x\ny")]
    [InlineData("1 < 2 and 3 > 2", "1 < 2 and 3 > 2")]
    [InlineData("<a href=\"x\" title=\"a>b\">link</a>", "link")]
    [InlineData("AT&T", "AT&T")]
    public void ToText_gives_clean_text(string html, string expected) => Assert.Equal(expected, HtmlText.ToText(html));

    [Theory]
    [InlineData("<p>hi<script>alert(1)</script></p>", "<p>hi</p>")]
    [InlineData("<img src=x onerror=alert(1)>after", "after")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "x")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "x")]
    [InlineData("<a href=\"java&#x09;script:alert(1)\">x</a>", "x")]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>", "x")]
    [InlineData("<svg onload=alert(1)><circle/></svg>ok", "ok")]
    [InlineData("<p style=\"width: expression(alert(1))\">t</p>", "<p>t</p>")]
    [InlineData("<b onclick=\"alert(1)\">bold</b>", "<b>bold</b>")]
    [InlineData("<iframe src=\"http://evil\"></iframe><form action=x><input></form>z", "z")]
    [InlineData("<math><mi xlink:href=\"javascript:alert(1)\">m</mi></math>k", "k")]
    [InlineData("<div><span>kept</span></div>", "kept<br>")]
    public void Sanitize_removes_classic_xss_vectors(string html, string expected) => Assert.Equal(expected, HtmlText.Sanitize(html, null));

    [Fact]
    public void Sanitize_keeps_safe_links_absolute_and_drops_images()
    {
        var html = HtmlText.Sanitize("<p><a href=\"/s/1\" style=\"x\">statement</a> <img src=\"http://tracker/p.gif\"> <a href=\"mailto:press@example.org\">mail</a></p>", new Uri("https://example.org/news/"));
        Assert.Equal("<p><a href=\"https://example.org/s/1\" rel=\"noopener noreferrer\">statement</a>  <a href=\"mailto:press@example.org\" rel=\"noopener noreferrer\">mail</a></p>", html);
    }

    [Fact]
    public void Sanitize_escapes_plain_text()
    {
        Assert.Equal("a &lt; b", HtmlText.Sanitize("a &lt; b", null));
        Assert.Equal("plain", HtmlText.Sanitize("plain", null));
    }

    // The scanners look tag names up case-insensitively without copying them, copy text in runs and cache entity
    // lookups: these pin the outputs those shortcuts must keep (upper-case tags, white space at run edges, supplementary
    // characters from references, the same unknown name twice).
    [Theory]
    [InlineData("<P>One</P><SCRIPT>x</SCRIPT>Two", "One\nTwo")]
    [InlineData("<TD>a</TD><td>b</td>", "a b")]
    [InlineData("a  b\t\tc \n d <b>e</b>  f ", "a b c d e f")]
    [InlineData("  lead <i>mid</i>  trail  ", "lead mid trail")]
    [InlineData("x <br/>  <br>  y", "x\ny")]
    [InlineData("&#x1F600; &#32;&#32;x", "\U0001F600 x")]
    [InlineData("&bogus; &bogus; &amp", "&bogus; &bogus; &amp")]
    public void ToText_shortcuts_give_what_a_character_by_character_scan_gives(string html, string expected) =>
        Assert.Equal(expected, HtmlText.ToText(html));

    [Theory]
    [InlineData("<SCRIPT>alert(1)</SCRIPT>ok", "ok")]
    [InlineData("<TextArea><b>no</b></TEXTAREA>after", "after")]
    [InlineData("<B>x</B><STRONG>y</Strong>", "<b>x</b><strong>y</strong>")]
    [InlineData("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("&#x1F600;&bogus;&bogus;", "\U0001F600&amp;bogus;&amp;bogus;")]
    [InlineData("  <p> padded </p>  ", "<p> padded </p>")]
    [InlineData("<A HREF=\"http://Example.COM/a b\">l</A>", "<a href=\"http://example.com/ab\" rel=\"noopener noreferrer\">l</a>")]
    [InlineData("<a href=\"&#106;avascript:alert(1)\">j</a>", "j")]
    public void Sanitize_shortcuts_keep_the_allow_list_and_escaping(string html, string expected) =>
        Assert.Equal(expected, HtmlText.Sanitize(html, null));
}
