using Monitor.Core.Digests;
using static Monitor.Core.Tests.Digests.DigestTestData;

namespace Monitor.Core.Tests.Digests;

/// <summary>Risk guarded: a subject that breaks the header (line breaks from a feed) or says nothing, and a plain-text part that is unreadable alone.</summary>
public class DigestSubjectAndTextTests
{
    private static RenderedDigest Render(DigestStory[] stories, string language = "ar") =>
        DigestRenderer.Render(DigestComposer.Compose(Subscriber(language: language), stories, WindowEnd)!, Context());

    [Fact]
    public void Arabic_subject_carries_the_count_and_the_top_story_title()
    {
        var stories = new[]
        {
            Story(1, title: "خبر أقل أهمية"),
            Story(2, title: "الائتلاف يدين خروقات النظام", sources: [Source("a"), Source("b")]),
            Story(3, title: "خبر ثالث"),
        };
        Assert.Equal("رصد الائتلاف: 3 أخبار — الائتلاف يدين خروقات النظام", Render(stories).Subject);
    }

    [Theory]
    [InlineData(1, "خبر واحد")]
    [InlineData(2, "خبران")]
    [InlineData(7, "7 أخبار")]
    [InlineData(11, "11 خبراً")]
    [InlineData(100, "100 خبر")]
    public void Arabic_counts_use_the_right_noun_form(int n, string expected)
    {
        Assert.Equal(expected, DigestStrings.Arabic.Stories(n));
    }

    [Fact]
    public void English_subject_for_an_english_frame()
    {
        Assert.Equal("رصد الائتلاف: 1 story — Coalition statement", Render([Story(1, title: "Coalition statement")], "en").Subject);
    }

    [Fact]
    public void Subject_has_no_line_breaks_or_control_characters_and_a_long_title_is_cut()
    {
        var hostile = "عنوان\r\nBcc: victim@example.org\n\u0007" + string.Concat(Enumerable.Repeat(" كلمة طويلة", 40));
        var subject = Render([Story(1, title: hostile)]).Subject;

        Assert.DoesNotContain(subject, c => char.IsControl(c) || c is '\u2028' or '\u2029');
        Assert.Contains("عنوان Bcc: victim@example.org", subject);
        Assert.EndsWith("…", subject);
        Assert.True(subject.Length < 140, $"length {subject.Length}");
    }

    [Fact]
    public void Plain_text_numbers_stories_puts_links_on_their_own_lines_and_ends_with_the_unsubscribe_url()
    {
        var stories = new[]
        {
            Story(1, title: "الخبر الأول", text: "نص الخبر الأول.", tags: [Topic("politics", "سياسة")],
                sources: [Source("a", 90, link: "https://a.example.org/1", name: "المصدر أ"), Source("b", 60, link: "https://b.example.org/1", name: "المصدر ب")]),
            Story(2, title: "الخبر الثاني", sources: [Source("c", 30, link: "javascript:alert(1)")]),
        };
        var text = Render(stories).Text;
        var lines = text.Split('\n');

        Assert.Contains("1. الخبر الأول", lines);
        Assert.Contains("2. الخبر الثاني", lines);
        Assert.Contains("== سياسة ==", lines);
        Assert.Contains("   نص الخبر الأول.", lines);
        Assert.Contains("   https://a.example.org/1", lines);
        Assert.Contains("   مصدران، أول ظهور 07:30 على المصدر أ", lines);
        Assert.Contains("   أعادت نشره أيضاً:", lines);
        Assert.Contains("   - المصدر ب", lines);
        Assert.Contains("     https://b.example.org/1", lines);
        Assert.Contains("   الوسوم: سياسة", lines);
        Assert.DoesNotContain("javascript:", text);
        Assert.DoesNotContain("<", text);
        Assert.Equal("https://monitor.example.org/unsubscribe?t=abc", lines[Array.IndexOf(lines, "إلغاء الاشتراك:") + 1]);
    }

    [Fact]
    public void Preheader_lists_the_next_titles_or_the_excerpt_of_a_single_story()
    {
        var two = Render([Story(1, title: "أول", sources: [Source("a"), Source("b")]), Story(2, title: "ثان")]);
        Assert.Equal("وأيضاً: ثان", two.Preheader);

        var one = Render([Story(1, text: "ملخص الخبر الوحيد.")]);
        Assert.Equal("ملخص الخبر الوحيد.", one.Preheader);
    }
}
