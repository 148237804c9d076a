using Monitor.Core.Text;
using Xunit.Abstractions;

namespace Monitor.Core.Tests.Text;

/// <summary>
/// Pass rates against the peers' vectors (see docs/arabic-analysis.md for which we follow and which we deliberately
/// do not). Floors are the rates reached; a drop means a regression.
/// </summary>
public sealed class PeerVectorTests(ITestOutputHelper output)
{
    private static string NormalizeWords(string s) => string.Join(' ', s.Split(' ').Select(ArabicNormalizer.Normalize));

    private double Rate(string file, Func<PeerVectors.Row, string> f, Func<PeerVectors.Row, bool>? where = null,
        Func<string, string>? expected = null)
    {
        var rows = PeerVectors.Read(file).Where(where ?? (_ => true))
            .Select(r => expected is null ? r : r with { Expected = expected(r.Expected) });
        var (rate, failures) = PeerVectors.PassRate(rows, f);
        output.WriteLine($"{file}: {rate:P1} ({failures.Count} failures)");
        foreach (var x in failures.Take(40)) output.WriteLine("  " + x);
        return rate;
    }

    [Fact]
    public void Follows_every_lucene_normalisation_vector() =>
        Assert.Equal(1.0, Rate("lucene_arabic_normalization.tsv", r => NormalizeWords(r.Input)));

    [Fact]
    public void Follows_every_lucene_stemmer_vector() =>
        Assert.Equal(1.0, Rate("lucene_arabic_stem.tsv", r => ArabicStemmer.Stem(r.Input)));

    [Fact]
    public void Follows_lucene_analyzer_vectors_for_our_pipeline()
    {
        // Our analyzer = tokenise, normalise (digits included), drop stop words, stem, as Lucene >= 5.4.
        string Analyse(PeerVectors.Row r)
        {
            var keepStops = r.Section.Contains("NO stopword", StringComparison.Ordinal) || r.Section.Contains("empty stopwords", StringComparison.Ordinal);
            return string.Join(' ', TextAnalyzer.Analyze(r.Input).Tokens.Where(t => keepStops || !t.IsStopWord).Select(t => t.Stem));
        }
        // The stem-exclusion section (a keyword set we do not have) is the one deliberate miss.
        Assert.Equal(1.0, Rate("lucene_arabic_analyzer.tsv", Analyse, r => !r.Section.Contains("stem-exclusion", StringComparison.Ordinal)));
    }

    [Fact]
    public void Folds_every_decimal_digit_vector()
    {
        Assert.Equal(1.0, Rate("lucene_decimal_digit.tsv", r => ArabicNormalizer.Normalize(r.Input)));
        // The mixed rows keep آ in the expected text (they test digits only), so the expected side gets our letter folding too.
        Assert.Equal(1.0, Rate("unicode_arabic_digits.tsv", r => ArabicNormalizer.Normalize(r.Input),
            expected: ArabicNormalizer.Normalize));
    }

    [Fact]
    public void Presentation_forms_fold_like_nfkc_followed_by_our_letter_rules()
    {
        var raw = Rate("unicode_arabic_presentation_forms_nfkc.tsv", r => ArabicNormalizer.Normalize(r.Input));
        var folded = Rate("unicode_arabic_presentation_forms_nfkc.tsv", r => ArabicNormalizer.Normalize(r.Input),
            expected: ArabicNormalizer.Normalize);
        Assert.Equal(1.0, folded);
        Assert.True(raw >= 0.66, $"raw NFKC agreement {raw:P1}");
    }

    [Fact]
    public void Agrees_with_camel_arclean_on_most_characters()
    {
        var rate = Rate("camel_arclean.tsv", r => ArabicNormalizer.Normalize(r.Input));
        Assert.True(rate >= 0.39, $"arclean agreement {rate:P1}");
    }

    [Fact]
    public void Agrees_with_golden_stem_corpus_at_measured_rate()
    {
        var rate = Rate("golden_corpus_stem.tsv", r => ArabicStemmer.Stem(ArabicNormalizer.Normalize(r.Input)));
        Assert.True(rate >= 0.19, $"golden stem agreement {rate:P1}");
    }
}
