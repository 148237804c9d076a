using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Monitor.Core.Digests;
using static Monitor.Core.Tests.Digests.DigestTestData;

namespace Monitor.Core.Tests.Digests;

/// <summary>
/// Risk guarded: feed content running script or loading remote content in a reader's mail client, and an Arabic
/// digest that reads left-to-right or scrambles Latin names and numbers. The HTML is parsed, not string-matched.
/// </summary>
public class DigestHtmlTests
{
    private static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static RenderedDigest Render(DigestStory[] stories, DigestSubscriber? subscriber = null, DigestRenderContext? context = null) =>
        DigestRenderer.Render(DigestComposer.Compose(subscriber ?? Subscriber(), stories, WindowEnd)!, context ?? Context());

    public static TheoryData<string> HostileTexts => new()
    {
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg onload=alert(1)>",
        "'><iframe src=javascript:alert(1)></iframe>",
        "<a href=\"javascript:alert(1)\">اضغط</a>",
        "</title><script>alert(2)</script>",
        "<style>body{display:none}</style><link rel=stylesheet href=https://evil.example/x.css>",
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Hostile_titles_texts_names_and_tags_are_shown_as_text_never_as_markup(string hostile)
    {
        var source = new DigestSource("evil", hostile, "https://evil.example/a\"onmouseover=\"alert(1)", WindowEnd.AddHours(-1), false);
        var story = Story(1, title: "عنوان " + hostile, text: "نص " + hostile, sources: [source, Source("b")],
            tags: [new DigestTag("topic", "t", hostile, []), new DigestTag("watch", "w", "قائمة", [hostile])]);
        var rendered = Render([story]);
        var doc = Parse(rendered.Html);

        Assert.Empty(doc.QuerySelectorAll("script, img, svg, iframe, style, link, object, embed, form"));
        Assert.DoesNotContain(doc.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        // The hostile text is still there, for the reader to see, as text.
        Assert.Contains(DigestText.OneLine(hostile), doc.QuerySelector(".story-title")!.TextContent);
        Assert.Contains(DigestText.OneLine(hostile), doc.QuerySelector(".story-excerpt")!.TextContent);
        Assert.Contains(DigestText.OneLine(hostile), doc.QuerySelector(".story-tags")!.TextContent);
        Assert.Equal(DigestText.OneLine(rendered.Subject), doc.Title);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("//evil.example/x")]
    [InlineData("/relative/path")]
    [InlineData("ftp://files.example.org/x")]
    [InlineData("https://ok.example.org/\r\nSet-Cookie:x")]
    public void Only_http_and_https_links_are_kept(string link)
    {
        var story = Story(1, sources: [Source("a", link: link), Source("b", link: link)], link: link);
        var doc = Parse(Render([story]).Html);

        var hrefs = doc.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.All(hrefs, h => Assert.Matches("^https?://", h));
        // Only the footer's own links remain.
        Assert.Equal(2, hrefs.Count);
        Assert.NotNull(doc.QuerySelector(".story-title"));
    }

    [Fact]
    public void Arabic_digest_is_right_to_left_and_english_left_to_right()
    {
        var ar = Parse(Render([Story(1)]).Html);
        Assert.Equal("rtl", ar.DocumentElement.GetAttribute("dir"));
        Assert.Equal("ar", ar.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", ar.Body!.GetAttribute("dir"));
        Assert.Equal("rtl", ar.QuerySelector("table.digest")!.GetAttribute("dir"));
        Assert.Contains("direction:rtl", ar.QuerySelector("table.digest")!.GetAttribute("style"));

        var en = Parse(Render([Story(1)], Subscriber(language: "en")).Html);
        Assert.Equal("ltr", en.DocumentElement.GetAttribute("dir"));
        Assert.Equal("en", en.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Unsubscribe", en.QuerySelector("a.unsubscribe")!.TextContent);
    }

    [Fact]
    public void Latin_names_and_numbers_in_titles_are_isolated_and_feed_text_blocks_take_their_own_direction()
    {
        var story = Story(1, title: "خوجة يلتقي John Kerry ويطالب بتطبيق القرار 2254", sources: [Source("a", name: "Orient News"), Source("b")]);
        var doc = Parse(Render([story]).Html);

        var title = doc.QuerySelector(".story-title")!;
        Assert.Equal("auto", title.GetAttribute("dir"));
        Assert.Equal(["John Kerry", "2254"], title.QuerySelectorAll("bdi").Select(b => b.TextContent));
        Assert.Equal("auto", doc.QuerySelector(".story-excerpt")!.GetAttribute("dir"));
        // Source names and times dropped into our Arabic sentences are isolated whole.
        var meta = doc.QuerySelector(".story-meta")!;
        Assert.Contains(meta.QuerySelectorAll("bdi"), b => b.TextContent == "Orient News");
        Assert.Contains(meta.QuerySelectorAll("bdi"), b => b.TextContent == "08:00");
    }

    [Fact]
    public void Story_shows_title_link_excerpt_time_in_the_subscribers_zone_tags_and_also_reported_by()
    {
        var story = Story(1,
            title: "الائتلاف يدين خروقات النظام في درعا",
            text: "أكد الائتلاف الوطني أن النظام يخرق اتفاق وقف إطلاق النار.",
            sources: [
                Source("coalition", 46, primary: true, link: "https://etilaf.example.org/1", name: "موقع الائتلاف"),
                Source("orient", 30, link: "https://orient.example.org/2", name: "أورينت"),
                Source("enab", 20, link: "https://enab.example.org/3", name: "عنب بلدي"),
            ],
            tags: [Topic("politics", "سياسة"), Watch("قادة", "خوجة")]);
        var doc = Parse(Render([story]).Html);

        var titleLink = doc.QuerySelector(".story-title a")!;
        Assert.Equal("https://etilaf.example.org/1", titleLink.GetAttribute("href"));
        Assert.Equal("الائتلاف يدين خروقات النظام في درعا", titleLink.TextContent);
        Assert.Equal("أكد الائتلاف الوطني أن النظام يخرق اتفاق وقف إطلاق النار.", doc.QuerySelector(".story-excerpt")!.TextContent);
        // 05:14 UTC is 08:14 in Damascus (UTC+3): the join reason names the count, the first time and the first source.
        Assert.Equal("3 مصادر، أول ظهور 08:14 على موقع الائتلاف", doc.QuerySelector(".story-meta")!.TextContent);
        Assert.Equal(["سياسة", "قادة: خوجة"], doc.QuerySelectorAll(".story-tags .tag").Select(t => t.TextContent));
        var also = doc.QuerySelector(".story-also")!;
        Assert.StartsWith("أعادت نشره أيضاً", also.TextContent);
        Assert.Equal(["https://orient.example.org/2", "https://enab.example.org/3"], also.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal(["أورينت", "عنب بلدي"], also.QuerySelectorAll("a").Select(a => a.TextContent));
    }

    [Fact]
    public void English_frame_uses_english_words_around_arabic_feed_text()
    {
        var story = Story(1, title: "الائتلاف يدين القصف", sources: [Source("a", 46, name: "Orient News"), Source("b", 30, name: "عنب بلدي")]);
        var doc = Parse(Render([story], Subscriber(language: "en")).Html);

        Assert.Equal("2 sources, first seen 08:14 on Orient News", doc.QuerySelector(".story-meta")!.TextContent);
        Assert.StartsWith("Also reported by: ", doc.QuerySelector(".story-also")!.TextContent);
        // The Arabic title still lays itself out right-to-left inside the English frame.
        Assert.Equal("auto", doc.QuerySelector(".story-title")!.GetAttribute("dir"));
        Assert.Contains(doc.QuerySelector(".story-also")!.QuerySelectorAll("bdi"), b => b.TextContent == "عنب بلدي");
    }

    [Fact]
    public void Layout_is_tables_with_inline_styles_fluid_to_600px_and_wrapping_long_words()
    {
        var doc = Parse(Render([Story(1, text: "https://example.org/" + new string('x', 500))]).Html);

        Assert.Empty(doc.QuerySelectorAll("style, link, script, img"));
        var card = doc.QuerySelector("table.digest")!;
        Assert.Equal("presentation", card.GetAttribute("role"));
        Assert.Equal("100%", card.GetAttribute("width"));
        Assert.Contains("max-width:600px", card.GetAttribute("style"));
        Assert.Equal("width=device-width, initial-scale=1", doc.QuerySelector("meta[name=viewport]")!.GetAttribute("content"));
        // No element is given a fixed width wider than a 375px phone.
        foreach (var element in doc.All)
        {
            Assert.DoesNotMatch(@"^\d{3,}$", element.GetAttribute("width") ?? "");
            Assert.DoesNotMatch(@"(^|;)\s*(min-)?width:\s*(3[8-9]\d|[4-9]\d\d|\d{4,})px", element.GetAttribute("style") ?? "");
        }
        Assert.Contains("overflow-wrap:anywhere", doc.QuerySelector("td.story")!.GetAttribute("style"));
    }

    [Fact]
    public void Preheader_is_hidden_and_footer_carries_the_unsubscribe_and_manage_links()
    {
        var doc = Parse(Render([Story(1), Story(2)]).Html);

        var preheader = doc.QuerySelector(".preheader")!;
        Assert.Contains("display:none", preheader.GetAttribute("style"));
        Assert.StartsWith("وأيضاً:", preheader.TextContent);
        Assert.Equal("https://monitor.example.org/unsubscribe?t=abc", doc.QuerySelector(".footer a.unsubscribe")!.GetAttribute("href"));
        Assert.Equal("إلغاء الاشتراك", doc.QuerySelector(".footer a.unsubscribe")!.TextContent);
        Assert.Equal("https://monitor.example.org/manage?t=abc", doc.QuerySelector(".footer a.manage")!.GetAttribute("href"));
    }

    [Fact]
    public void Groups_appear_as_headings_in_composed_order()
    {
        var stories = new[]
        {
            Story(1, tags: [Topic("politics", "سياسة")], sources: [Source("a"), Source("b")]),
            Story(2, tags: [Topic("economy", "اقتصاد")]),
            Story(3),
        };
        var doc = Parse(Render(stories).Html);

        var headings = doc.QuerySelectorAll("td.group h2").Select(h => h.TextContent).ToList();
        Assert.Equal(["سياسة (1)", "اقتصاد (1)", "أخبار أخرى (1)"], headings);
        Assert.Equal(["1", "2", "3"], doc.QuerySelectorAll("td.story").Select(td => td.GetAttribute("data-story-id")));
    }

    [Fact]
    public void Refuses_an_unsubscribe_url_that_is_not_http()
    {
        var digest = DigestComposer.Compose(Subscriber(), [Story(1)], WindowEnd)!;
        var error = Assert.Throws<ArgumentException>(() => DigestRenderer.Render(digest, Context(unsubscribe: "javascript:void(0)")));
        Assert.Contains("unsubscribe", error.Message);
    }
}
