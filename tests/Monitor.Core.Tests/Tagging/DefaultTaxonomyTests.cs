using Microsoft.Extensions.Configuration;
using Monitor.Core.Tagging;
using Monitor.Core.Text;
using Monitor.Tests.Support;

namespace Monitor.Core.Tests.Tagging;

/// <summary>
/// The shipped taxonomy binds as the host binds it, validates, compiles, and tags the five seed texts the way a
/// reader would (first line = title), each tag with the words that fired it.
/// </summary>
public sealed class DefaultTaxonomyTests
{
    private static readonly TaggingOptions Options = Load();
    private static readonly TagMatcher Matcher = TagMatcher.Compile(Options);

    private static TaggingOptions Load()
    {
        var config = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(TestPaths.RepoRoot, "appsettings.json"), optional: false)
            .Build();
        var o = new TaggingOptions();
        config.GetSection("Monitor:Tagging").Bind(o);
        return o;
    }

    private static IReadOnlyList<ItemTag> TagSeed(int index)
    {
        var text = TestPaths.SeedTexts()[index];
        var nl = text.IndexOf('\n');
        if (nl < 0) return Matcher.Match(TextAnalyzer.Empty, TextAnalyzer.Analyze(text));
        return Matcher.Match(TextAnalyzer.Analyze(text[..nl]), TextAnalyzer.Analyze(text[(nl + 1)..]));
    }

    private static ItemTag Topic(IReadOnlyList<ItemTag> tags, string id) => Assert.Single(tags, t => t.Kind == TagKind.Topic && t.Id == id);

    private static ItemTag Watch(IReadOnlyList<ItemTag> tags, string entry) => Assert.Single(tags, t => t.Kind == TagKind.Watch && t.Entry == entry);

    [Fact]
    public void Binds_validates_and_compiles()
    {
        Assert.Empty(TaggingOptionsValidator.Validate(Options));
        Assert.True(Options.WatchLists.Count >= 5);
        Assert.True(Options.Topics.Count >= 30);
        Assert.True(Matcher.TermCount > 200, $"{Matcher.TermCount} terms");
    }

    [Fact]
    public void Daraa_statement_gets_ceasefire_violations_and_daraa()
    {
        var tags = TagSeed(4);
        var violations = Topic(tags, "ceasefire-violations");
        Assert.Contains(violations.Hits, h => h.Surface == "خروقات" && h.InTitle);
        Assert.Contains(violations.Hits, h => h.Surface == "خرقاً" && !h.InTitle);
        Assert.Contains(Topic(tags, "ceasefire").Hits, h => h.Surface == "وقف إطلاق النار");
        var daraa = Topic(tags, "daraa");
        Assert.Contains(daraa.Hits, h => h.Surface == "درعا" && h.InTitle);
        Assert.Contains(daraa.Hits, h => h.Surface == "اللجاة");
        Assert.Contains(Watch(tags, "درعا").Hits, h => h.Term == "درعا");
        Topic(tags, "coalition-statement");
        Topic(tags, "geneva");
        Topic(tags, "sieges-aid");
        Topic(tags, "refugees");
        Assert.Contains(Topic(tags, "russia").Hits, h => h.Surface == "روسية");
    }

    [Fact]
    public void Chemical_weapons_statement_gets_chemical_weapons_and_accountability()
    {
        var tags = TagSeed(3);
        Assert.Contains(Topic(tags, "chemical-weapons").Hits, h => h.Surface == "غاز الكلور");
        var acc = Topic(tags, "accountability");
        Assert.Contains(acc.Hits, h => h.Surface == "لجنة التحقيق" && h.InTitle);
        Assert.Contains(acc.Hits, h => h.Surface == "المحكمة الجنائية الدولية");
        Topic(tags, "astana");
        Topic(tags, "russia");
        Topic(tags, "iran-militias");
        Topic(tags, "aleppo");
        Assert.DoesNotContain(tags, t => t.Id == "detainees"); // أسرة التحرير (the editors) is not الأسرى (prisoners)
        Assert.Contains(Watch(tags, "الائتلاف الوطني").Hits, h => h.Surface == "الانتلاف" && h.InTitle);
    }

    [Fact]
    public void Barrel_bombs_speech_gets_barrels_isis_aleppo_and_safe_zones()
    {
        var tags = TagSeed(1);
        Assert.Contains(Topic(tags, "barrel-bombs").Hits, h => h.Surface == "براميل متفجرة");
        Assert.Contains(Topic(tags, "isis").Hits, h => h.Surface == "داعش");
        Assert.Contains(Topic(tags, "aleppo").Hits, h => h.Surface == "حلب");
        Assert.Contains(Topic(tags, "safe-zones").Hits, h => h.Surface == "مناطق آمنة");
        Assert.Contains(Topic(tags, "press-conference").Hits, h => h.Surface == "مؤتمر صحفي");
        Assert.Contains(Watch(tags, "خالد خوجة").Hits, h => h.Surface == "خالد خوجة");
        Watch(tags, "حزب الله");
    }

    [Fact]
    public void Press_conference_with_kerry_gets_safe_zones_chemical_weapons_and_kerry()
    {
        var tags = TagSeed(2);
        Topic(tags, "press-conference");
        Topic(tags, "safe-zones");
        Topic(tags, "barrel-bombs");
        Assert.Contains(Topic(tags, "chemical-weapons").Hits, h => h.Surface == "الكيماوية");
        Assert.Contains(Watch(tags, "جون كيري").Hits, h => h.Surface == "جون كيري");
        Assert.Contains(Watch(tags, "بشار الأسد").Hits, h => h.Surface == "بشار الأسد");
        Topic(tags, "geneva");
    }

    [Fact]
    public void Istanbul_press_conference_gets_russia_safe_zones_and_accountability()
    {
        var tags = TagSeed(0);
        Topic(tags, "press-conference");
        Topic(tags, "russia");
        Topic(tags, "safe-zones");
        Assert.Contains(Topic(tags, "accountability").Hits, h => h.Surface == "المحاسبة");
        Assert.Contains(Topic(tags, "sieges-aid").Hits, h => h.Surface == "المحاصرين");
        Assert.DoesNotContain(tags, t => t.Id == "chemical-weapons");
        Assert.DoesNotContain(Topic(tags, "coalition-statement").Hits, h => h.Surface == "ووادي"); // أدان's stem is too short to use
    }

    [Fact]
    public void Analyze_report_shows_tokens_topics_and_watch_hits()
    {
        var report = AnalyzeReport.Build("خروقات في درعا", Matcher);
        Assert.Equal("خروقات في درعا", report.Normalized);
        Assert.Equal(["خروق", "في", "درعا"], report.Tokens.Select(t => t.Stem));
        Assert.Contains(report.Topics, t => t.Id == "ceasefire-violations" && t.Matched.SequenceEqual(["خروقات"]));
        Assert.Contains(report.Watch, w => w.List == "places" && w.Entry == "درعا" && w.Matched.SequenceEqual(["درعا"]));
        var json = System.Text.Json.JsonSerializer.Serialize(report);
        Assert.Contains("\"normalized\":", json);
        Assert.Contains("\"matched\":", json);
        Assert.Contains("درعا", report.ToText());
    }
}
