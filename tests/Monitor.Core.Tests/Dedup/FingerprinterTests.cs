using Monitor.Core.Dedup;
using Monitor.Core.Text;

namespace Monitor.Core.Tests.Dedup;

// Risk guarded: fingerprints that change between runs (stored signatures become useless) or near-duplicates that
// never meet in the band index (the store never offers them as candidates).
public class FingerprinterTests
{
    private static readonly DedupOptions Options = new();

    [Fact]
    public void Computes_the_same_fingerprint_every_time()
    {
        var (title, text) = Statements.Seed004();
        var a = Fingerprinter.Compute(title, text, Options);
        var b = Fingerprinter.Compute(title, text, Options);
        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.Equal(a.Signature, b.Signature);
        Assert.Equal(a.BandKeys, b.BandKeys);
        Assert.Equal(64, a.ContentHash.Length);
        Assert.Equal(Options.NumHashes, a.Signature.Length);
        Assert.Equal(Options.Bands, a.BandKeys.Length);
    }

    [Fact]
    public void Near_duplicates_share_band_keys_and_distinct_statements_share_few()
    {
        var (title, text) = Statements.Seed004();
        var original = Fingerprinter.Compute(title, text, Options);
        var copy = Fingerprinter.Compute("بيان جديد", Republish.WithReadAlso(Republish.WithIntro(text)), Options);
        var other = Fingerprinter.Compute("", Statements.DetaineesWithBoilerplate, Options);
        Assert.True(original.BandKeys.Intersect(copy.BandKeys).Count() >= 3);
        Assert.Empty(original.BandKeys.Intersect(other.BandKeys));
        Assert.True(original.EstimateSimilarity(copy) > 0.5);
    }

    [Fact]
    public void The_fingerprint_of_analysed_text_equals_the_fingerprint_of_the_raw_text()
    {
        // The ingest path fingerprints TextAnalyzer's normalised form: stored fingerprints must not depend on the path.
        var (title, text) = Statements.Seed004();
        var noisy = "بقلم: فريق التحرير\n" + Republish.WithReadAlso(Republish.DropHamzas(text));
        foreach (var (t, x) in new[] { (title, text), ("بيان جديد", noisy), ("عاجل", "قصف على درعا"), ("", "") })
        {
            var raw = Fingerprinter.Compute(t, x, Options);
            var analysed = Fingerprinter.ComputeNormalized(TextAnalyzer.Analyze(t).Normalized, TextAnalyzer.Analyze(x).Normalized, Options, out var shingles);
            Assert.Equal(raw.ContentHash, analysed.ContentHash);
            Assert.Equal(raw.Signature, analysed.Signature);
            Assert.Equal(raw.BandKeys, analysed.BandKeys);
            Assert.Equal(Fingerprinter.Shingles(t, x, Options), shingles);
            Assert.Equal(raw.ShingleCount, shingles.Length);
        }
    }

    [Fact]
    public void Band_keys_encode_the_band_index()
    {
        // Equal rows in different bands must not give equal keys: the store indexes keys alone.
        var (title, text) = Statements.Seed004();
        var fp = Fingerprinter.Compute(title, text, Options);
        Assert.Equal(fp.BandKeys.Length, fp.BandKeys.Distinct().Count());
    }

    [Fact]
    public void Republisher_noise_does_not_change_the_content_hash()
    {
        var (title, text) = Statements.Seed004();
        var clean = Fingerprinter.Compute(title, text, Options);
        var noisy = Fingerprinter.Compute(title + " الكاتب : أسرة التحرير التاريخ : 26 نوفمبر 2018 م المشاهدات : 321",
            "بقلم: فريق التحرير\n" + Republish.WithReadAlso(text) + "\ninfo@etilaf.org\nwww.etilaf.org", Options);
        Assert.Equal(clean.ContentHash, noisy.ContentHash);
    }

    [Fact]
    public void Short_texts_get_a_content_hash_but_no_signature()
    {
        var fp = Fingerprinter.Compute("عاجل", "قصف على درعا", Options);
        Assert.False(fp.HasSignature);
        Assert.Empty(fp.BandKeys);
        Assert.NotEmpty(fp.ContentHash);
    }
}
