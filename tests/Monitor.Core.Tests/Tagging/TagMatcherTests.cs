using Monitor.Core.Tagging;
using Monitor.Core.Text;

namespace Monitor.Core.Tests.Tagging;

/// <summary>The traps of Arabic matching: clitics, spelling, look-alikes, phrases, exclusions, and the topic rules.</summary>
public sealed class TagMatcherTests
{
    private static TaggingOptions Options() => new()
    {
        WatchLists =
        [
            new WatchListOptions
            {
                Name = "places", Kind = "place",
                Entries = [new() { Name = "درعا" }, new() { Name = "حلب" }, new() { Name = "الرقة" }, new() { Name = "دير الزور" }],
            },
            new WatchListOptions
            {
                Name = "people", Kind = "person",
                Entries = [new() { Name = "بشار الأسد", Variants = ["الأسد"], NotPrecededBy = ["حافظ"] }],
            },
        ],
        Topics =
        [
            new TopicOptions { Id = "barrels", Name = "البراميل", Any = ["البراميل المتفجرة"] },
            new TopicOptions { Id = "daraa", Name = "درعا", Any = ["watch:places/درعا"], Kind = "place" },
            new TopicOptions { Id = "ceasefire", Name = "هدنة", Any = ["وقف إطلاق النار"] },
            new TopicOptions { Id = "violations", Name = "خروقات", Parent = "ceasefire", Any = ["خروقات"] },
            new TopicOptions { Id = "strict", Name = "صارم", All = ["حصار", "watch:places"], None = ["مسرحية"], MinHits = 3 },
        ],
    };

    private static readonly TagMatcher Matcher = TagMatcher.Compile(Options());

    private static IReadOnlyList<ItemTag> Tag(string body, string title = "") =>
        Matcher.Match(TextAnalyzer.Analyze(title), TextAnalyzer.Analyze(body));

    private static IEnumerable<string?> Entries(IReadOnlyList<ItemTag> tags) => tags.Where(t => t.Kind == TagKind.Watch).Select(t => t.Entry);

    [Theory]
    [InlineData("ودرعا")] [InlineData("بدرعا")] [InlineData("لدرعا")] [InlineData("فبدرعا")] [InlineData("درعـــا")] [InlineData("دَرْعَا")]
    [InlineData("\uFEA9\uFEAD\uFECB\uFE8E")] [InlineData("و\u200Fدرعا")]
    public void Finds_a_name_behind_clitics_tatweel_diacritics_and_pdf_forms(string text) => Assert.Contains("درعا", Entries(Tag(text)));

    [Theory]
    [InlineData("المدرعات")] [InlineData("مدرعة")]
    public void Daraa_is_not_found_inside_armoured_vehicles(string text) => Assert.DoesNotContain("درعا", Entries(Tag(text)));

    [Theory]
    [InlineData("حلبة")] [InlineData("الحلبة")] [InlineData("حلبي")]
    public void Aleppo_is_not_found_in_look_alikes(string text) => Assert.DoesNotContain("حلب", Entries(Tag(text)));

    [Theory]
    [InlineData("الرقة")] [InlineData("بالرقة")] [InlineData("للرقه")] [InlineData("والرقة")]
    public void Name_with_article_matches_with_any_proclitic_and_ta_marbuta_as_ha(string text) => Assert.Contains("الرقة", Entries(Tag(text)));

    [Fact]
    public void Persian_yeh_and_keheh_spellings_match_the_arabic_entry()
    {
        var o = new TaggingOptions { WatchLists = [new() { Name = "p", Kind = "person", Entries = [new() { Name = "جون كيري" }] }] };
        var tags = TagMatcher.Compile(o).Match(TextAnalyzer.Empty, TextAnalyzer.Analyze("قال جون کیری"));
        Assert.Equal("جون کیری", Assert.Single(Assert.Single(tags).Hits).Surface);
    }

    [Fact]
    public void Name_with_article_does_not_match_the_bare_word() => Assert.DoesNotContain("الرقة", Entries(Tag("رقة")));

    [Fact]
    public void Name_matching_does_not_stem() => Assert.DoesNotContain("حلب", Entries(Tag("حلبيون")));

    [Fact]
    public void Multi_word_names_match_contiguous_words_only()
    {
        Assert.Contains("دير الزور", Entries(Tag("في مدينة ديرالزور ودير الزور")));
        Assert.DoesNotContain("دير الزور", Entries(Tag("دير في الزور")));
    }

    [Fact]
    public void Exclusion_before_a_name_cancels_that_hit_only()
    {
        var tags = Tag("حافظ الأسد ثم بشار الأسد");
        var tag = Assert.Single(tags, t => t.Entry == "بشار الأسد");
        Assert.DoesNotContain(tag.Hits, h => h.Start == 5); // الأسد after حافظ
        Assert.Equal("بشار الأسد", Assert.Single(tag.Hits).Surface); // الأسد inside it is the same mention
        Assert.DoesNotContain(Tag("حافظ الأسد"), t => t.Entry == "بشار الأسد");
    }

    [Fact]
    public void Keyword_terms_match_by_stem_behind_clitics()
    {
        var tag = Assert.Single(Tag("قصف بالبراميل المتفجرات"), t => t.Id == "barrels");
        var hit = Assert.Single(tag.Hits);
        Assert.Equal(new TagHit("البراميل المتفجرة", "بالبراميل المتفجرات", 4, false) { Length = 19 }, hit);
    }

    [Fact]
    public void Topic_refers_to_a_watch_entry_and_says_which_words_fired()
    {
        var tag = Assert.Single(Tag("قصف على درعا"), t => t.Id == "daraa");
        Assert.Equal("درعا", tag.Name);
        Assert.Equal("place", tag.Facet);
        Assert.Equal("درعا", Assert.Single(tag.Hits).Surface);
    }

    [Fact]
    public void Sub_topic_also_tags_its_parent_with_its_reasons()
    {
        var tags = Tag("سجلت خروقات عديدة");
        Assert.Contains(tags, t => t.Id == "violations");
        var parent = Assert.Single(tags, t => t.Id == "ceasefire");
        Assert.Equal("خروقات", Assert.Single(parent.Hits).Surface);
    }

    [Fact]
    public void All_None_and_MinHits_with_title_weight()
    {
        Assert.DoesNotContain(Tag("حصار حلب"), t => t.Id == "strict");                    // 2 hits < 3
        Assert.Contains(Tag("حصار حلب", title: "حصار"), t => t.Id == "strict");          // title hit counts 2
        Assert.DoesNotContain(Tag("حصار حلب", title: "حصار مسرحية"), t => t.Id == "strict"); // None vetoes
        Assert.DoesNotContain(Tag("حصار وحصار وحصار"), t => t.Id == "strict");            // All needs a place too
    }

    [Fact]
    public void Title_hits_are_marked_and_weigh_more()
    {
        var tag = Assert.Single(Tag("درعا", title: "درعا"), t => t.Entry == "درعا");
        Assert.Equal([true, false], tag.Hits.Select(h => h.InTitle));
        Assert.Equal(3, tag.Score);
        Assert.Equal("watch:places/درعا", tag.Id);
    }

    [Fact]
    public void Keywords_with_stems_under_three_letters_match_by_surface()
    {
        var m = TagMatcher.Compile(new TaggingOptions { Topics = [new() { Id = "condemn", Name = "إدانة", Any = ["أدان", "يدين"] }] });
        IReadOnlyList<ItemTag> Run(string text) => m.Match(TextAnalyzer.Empty, TextAnalyzer.Analyze(text));
        Assert.Empty(Run("في ووادي بردى بيد النظام"));
        Assert.Equal(["وأدان", "يدين"], Assert.Single(Run("وأدان الائتلاف و يدين")).Hits.Select(h => h.Surface));
    }

    [Fact]
    public void Exact_topic_terms_are_not_stemmed()
    {
        var m = TagMatcher.Compile(new TaggingOptions { Topics = [new() { Id = "detainees", Name = "الأسرى", Any = ["=الأسرى"] }] });
        IReadOnlyList<ItemTag> Run(string text) => m.Match(TextAnalyzer.Empty, TextAnalyzer.Analyze(text));
        Assert.Empty(Run("أسرة التحرير"));
        Assert.Equal("للأسرى", Assert.Single(Assert.Single(Run("الحرية للأسرى")).Hits).Surface);
    }

    [Fact]
    public void Two_rule_sets_used_in_turn_on_one_thread_each_find_their_own_words()
    {
        // Each word remembers its starting points in the trie: a reloaded rule set must not answer from the old one's.
        var aleppo = TagMatcher.Compile(new TaggingOptions { Topics = [new() { Id = "aleppo", Name = "حلب", Any = ["حلب"] }] });
        var daraa = TagMatcher.Compile(new TaggingOptions { Topics = [new() { Id = "daraa", Name = "درعا", Any = ["درعا"] }] });
        var text = TextAnalyzer.Analyze("قصف على حلب ودرعا");
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(["حلب"], Assert.Single(aleppo.Match(TextAnalyzer.Empty, text)).Hits.Select(h => h.Surface));
            Assert.Equal(["ودرعا"], Assert.Single(daraa.Match(TextAnalyzer.Empty, text)).Hits.Select(h => h.Surface));
        }
    }

    [Fact]
    public void Words_are_still_found_after_more_distinct_words_than_the_memo_holds()
    {
        var filler = string.Join(' ', Enumerable.Range(0, 45_000).Select(i => "w" + i.ToString("x")));
        var first = Tag(filler + " درعا");
        var again = Tag("حلب " + filler + " درعا");
        Assert.Contains("درعا", Entries(first));
        Assert.Equal(["حلب", "درعا"], Entries(again).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Term_count_counts_distinct_phrases() => Assert.Equal(11, Matcher.TermCount);
}
