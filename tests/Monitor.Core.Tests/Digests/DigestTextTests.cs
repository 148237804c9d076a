using Monitor.Core.Digests;

namespace Monitor.Core.Tests.Digests;

/// <summary>Risk guarded: excerpts cut mid-word or overlong, and feed text that breaks a line or reorders its neighbours.</summary>
public class DigestTextTests
{
    private const string LongArabic =
        "أكد الائتلاف الوطني لقوى الثورة والمعارضة السورية أن النظام وداعميه يخرقون اتفاق وقف إطلاق النار في درعا، " +
        "مديناً هذه الخروقات، وداعياً المجتمع الدولي لتحمل المسؤولية وإيقاف القصف، وذلك لتهيئة الجو المناسب لعقد جولة " +
        "جديدة من المفاوضات في جنيف. وقال الائتلاف الوطني في بيان له إن قوات النظام ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار.";

    [Fact]
    public void Cuts_an_excerpt_at_a_word_boundary_within_280_characters()
    {
        var excerpt = DigestText.Excerpt("عنوان", LongArabic);

        Assert.True(excerpt.Length <= DigestText.ExcerptLength, $"length {excerpt.Length}");
        Assert.EndsWith("…", excerpt);
        var kept = excerpt.TrimEnd('…');
        // Every kept word is a whole word of the original.
        Assert.StartsWith(kept, LongArabic);
        Assert.Contains(LongArabic[kept.Length], " ،");
    }

    [Fact]
    public void Keeps_a_short_text_whole_without_an_ellipsis()
    {
        Assert.Equal("نص قصير.", DigestText.Excerpt("عنوان", "نص   قصير.\n"));
    }

    [Fact]
    public void Finds_the_excerpt_after_a_long_run_of_whitespace()
    {
        var excerpt = DigestText.Excerpt("عنوان", new string('\n', 5000) + "النص الحقيقي.");
        Assert.Equal("النص الحقيقي.", excerpt);
    }

    [Fact]
    public void Drops_a_leading_copy_of_the_title_from_the_excerpt()
    {
        var excerpt = DigestText.Excerpt("الائتلاف يطالب بلجنة تحقيق", "الائتلاف يطالب بلجنة تحقيق\n\nاعتبر الائتلاف الوطني السوري أن...");
        Assert.StartsWith("اعتبر الائتلاف", excerpt);
    }

    [Fact]
    public void Cuts_a_single_overlong_word_hard_rather_than_returning_nothing()
    {
        var url = "https://example.org/" + new string('a', 400);
        var excerpt = DigestText.Excerpt("", url);
        Assert.Equal(DigestText.ExcerptLength, excerpt.Length);
    }

    [Fact]
    public void One_line_text_has_no_line_breaks_controls_or_bidi_overrides()
    {
        var line = DigestText.OneLine("سطر\r\nثانٍ\u2028ثالث\u0000رابع\u202Eمقلوب\tنهاية");
        // The NUL separates words like a space; the RLO override simply disappears.
        Assert.Equal("سطر ثانٍ ثالث رابعمقلوب نهاية", line);
        Assert.DoesNotContain(line, c => char.IsControl(c) || c is '\u2028' or '\u202E');
    }

    [Fact]
    public void Isolates_latin_and_number_runs_inside_arabic_text()
    {
        var html = DigestHtmlText.Isolated("التقى خوجة John Kerry في واشنطن عام 2015 - 2016 (SNC).");
        Assert.Equal("التقى خوجة <bdi>John Kerry</bdi> في واشنطن عام <bdi>2015 - 2016</bdi> (<bdi>SNC</bdi>).", html);
        Assert.Equal("دعت <bdi>U.S</bdi>. إلى", DigestHtmlText.Isolated("دعت U.S. إلى"));
    }

    [Fact]
    public void Isolates_arabic_runs_inside_english_text()
    {
        var html = DigestHtmlText.Isolated("Statement by الائتلاف الوطني on Geneva");
        Assert.Equal("Statement by <bdi>الائتلاف الوطني</bdi> on Geneva", html);
    }

    [Fact]
    public void Encodes_markup_inside_isolated_runs()
    {
        var html = DigestHtmlText.Isolated("خبر <b>x</b>");
        Assert.Equal("خبر &lt;<bdi>b</bdi>&gt;<bdi>x</bdi>&lt;/<bdi>b</bdi>&gt;", html);
    }
}
