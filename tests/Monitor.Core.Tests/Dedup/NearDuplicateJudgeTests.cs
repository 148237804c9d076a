using Monitor.Core.Dedup;
using Monitor.Tests.Support;

namespace Monitor.Core.Tests.Dedup;

// Risk guarded: one statement republished by ten outlets becomes ten stories, or two statements sharing the
// coalition's boilerplate become one.
public class NearDuplicateJudgeTests
{
    private static readonly DedupOptions Options = new();

    private static DedupCandidate Item(long id, string title, string text, long story = -1) =>
        new(id, story < 0 ? id : story, title, text, Fingerprinter.Compute(title, text, Options));

    private static DuplicateVerdict? Judge(string title, string text, params DedupCandidate[] stored) =>
        NearDuplicateJudge.FindBest(Item(100, title, text), stored, Options);

    [Fact]
    public void Shingles_given_with_a_candidate_decide_as_its_text_would()
    {
        // The ingest path hands the judge pending items' shingles instead of their texts, and the new item's own.
        var (title, text) = Statements.Seed004();
        var copyTitle = "بيان جديد للائتلاف الوطني السوري";
        var copyText = Republish.WithIntro(text);
        var stored = new[] { Item(1, title, text), Item(2, "", Statements.DetaineesWithBoilerplate) };
        var withShingles = stored.Select(c => c with { Title = "", Text = "", Shingles = Fingerprinter.Shingles(c.Title, c.Text, Options) }).ToArray();
        var me = Item(100, copyTitle, copyText);

        var byText = NearDuplicateJudge.FindBest(me, stored, Options);
        var byShingles = NearDuplicateJudge.FindBest(me with { Title = "", Text = "", Shingles = Fingerprinter.Shingles(copyTitle, copyText, Options) }, withShingles, Options);

        Assert.NotNull(byText);
        Assert.Equal(byText, byShingles);
        Assert.Null(NearDuplicateJudge.ExactMatch(me, stored));
        Assert.Equal(DuplicateKinds.Exact, NearDuplicateJudge.ExactMatch(Item(100, title, text), stored)!.Kind);
    }

    public static TheoryData<string> Kinds => new()
    {
        "headline-intro", "read-also", "sentence-cut", "reordered", "hamza-dropped", "diacritics", "extraction-garbage",
    };

    private static (string Title, string Text) Variant(string kind, (string Title, string Text) s) => kind switch
    {
        "headline-intro" => ("بيان جديد للائتلاف الوطني السوري", Republish.WithIntro(s.Text)),
        "read-also" => (s.Title, Republish.WithReadAlso(s.Text)),
        "sentence-cut" => (s.Title, Republish.CutLastParagraph(s.Text)),
        "reordered" => (s.Title, Republish.SwapFirstParagraphs(s.Text)),
        "hamza-dropped" => (Republish.DropHamzas(s.Title), Republish.DropHamzas(s.Text)),
        "diacritics" => (s.Title, Republish.AddDiacritics(s.Text)),
        "extraction-garbage" => (s.Title, Republish.Garble(s.Text)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Recognises_each_republication_kind_as_the_same_statement(string kind)
    {
        var original = Statements.Seed004();
        var (title, text) = Variant(kind, original);
        var verdict = Judge(title, text, Item(1, original.Title, original.Text, story: 7));
        Assert.NotNull(verdict);
        Assert.Equal(7, verdict.StoryId);
        Assert.Contains(verdict.Kind, new[] { DuplicateKinds.NearDuplicate, DuplicateKinds.Contained, DuplicateKinds.Exact });
    }

    [Fact]
    public void Hamza_and_diacritic_variants_alone_are_exact_duplicates()
    {
        var (title, text) = Statements.Seed004();
        var verdict = Judge(Republish.DropHamzas(title), Republish.AddDiacritics(Republish.DropHamzas(text)), Item(1, title, text));
        Assert.Equal(DuplicateKinds.Exact, verdict?.Kind);
    }

    [Fact]
    public void Statement_quoted_whole_inside_a_longer_report_is_contained()
    {
        var (title, text) = Statements.Seed004();
        var short4 = Republish.CutLastParagraph(Republish.CutLastParagraph(text));
        var verdict = Judge("تقرير: تصعيد في درعا", Republish.QuotedInReport(short4), Item(1, title, short4));
        Assert.NotNull(verdict);
        Assert.Equal(DuplicateKinds.Contained, verdict.Kind);
        Assert.True(verdict.Containment > verdict.Similarity);
    }

    [Fact]
    public void Keeps_apart_two_statements_that_share_the_boilerplate_paragraph()
    {
        var verdict = Judge("الائتلاف يطالب بالكشف عن مصير المعتقلين", Statements.DetaineesWithBoilerplate,
            Item(1, "الائتلاف يدين القصف على ريف درعا", Statements.DaraaWithBoilerplate));
        Assert.Null(verdict);
    }

    [Fact]
    public void Recognises_seed_003_with_its_garbled_repeat_as_the_same_statement_as_the_clean_release()
    {
        // Seed 003 holds a garbled, reworded news copy followed by the coalition's own release.
        var seed = TestPaths.SeedTexts()[3];
        var at = seed.IndexOf("تصريح صحفي", StringComparison.Ordinal);
        var verdict = Judge("", seed, Item(1, "محاولات مفضوحة للنظام وروسيا", seed[at..], story: 3));
        Assert.NotNull(verdict);
        Assert.Equal(3, verdict.StoryId);
        Assert.True(verdict.Containment >= 0.9, $"containment {verdict.Containment}");
    }

    [Fact]
    public void Chooses_the_nearest_of_several_matching_candidates()
    {
        var (title, text) = Statements.Seed004();
        var far = Item(1, title, Republish.CutLastParagraph(Republish.CutLastParagraph(text)), story: 1);
        var near = Item(2, title, Republish.WithReadAlso(text), story: 2);
        var verdict = Judge(title, Republish.DropHamzas(text) + "\n\nبقلم: فريق التحرير", far, near);
        Assert.Equal(2, verdict?.StoryId);
    }

    [Fact]
    public void Returns_null_without_candidates_or_for_a_text_too_short_to_compare()
    {
        var (title, text) = Statements.Seed004();
        Assert.Null(Judge(title, text));
        Assert.Null(Judge("عاجل", "قصف على درعا", Item(1, title, text)));
    }
}
