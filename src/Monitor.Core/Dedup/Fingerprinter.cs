using System.Buffers;

namespace Monitor.Core.Dedup;

/// <summary>Computes an item's <see cref="Fingerprint"/>: content hash, MinHash signature of its word shingles, LSH band keys.</summary>
public static class Fingerprinter
{
    /// <summary>The sorted distinct shingle hashes that <see cref="NearDuplicateJudge"/> verifies on (empty below
    /// <see cref="DedupOptions.MinTokens"/> words); exposed for evaluation and alternative fingerprints.</summary>
    public static ulong[] Shingles(string title, string text, DedupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ShingleText.Shingles(title ?? "", text ?? "", options);
    }

    public static Fingerprint Compute(string title, string text, DedupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Compute(ShingleText.Clean(title ?? ""), ShingleText.Clean(text ?? ""), options, out _);
    }

    /// <summary>
    /// The same fingerprint from texts already folded by <see cref="Text.ArabicNormalizer"/> (an
    /// <see cref="Text.AnalyzedText.Normalized"/>, so the ingest path normalises each text once for tagging and
    /// dedup), and the sorted distinct shingles <see cref="NearDuplicateJudge"/> verifies on (empty below
    /// <see cref="DedupOptions.MinTokens"/> words), so the judge does not shingle the new item a second time.
    /// </summary>
    public static Fingerprint ComputeNormalized(string normalizedTitle, string normalizedText, DedupOptions options, out ulong[] shingles)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Compute(RepublisherNoise.Strip(normalizedTitle ?? ""), RepublisherNoise.Strip(normalizedText ?? ""), options, out shingles);
    }

    private static Fingerprint Compute(string cleanTitle, string cleanText, DedupOptions options, out ulong[] shingleSet)
    {
        shingleSet = [];
        var hash = ShingleText.ContentHash(cleanTitle, cleanText);

        var words = ArrayPool<ulong>.Shared.Rent(256);
        var shingles = ArrayPool<ulong>.Shared.Rent(256);
        try
        {
            var n = ShingleText.WordsForShingles(cleanTitle, cleanText, options, ref words, out var start);
            if (n < options.MinTokens) return new Fingerprint(hash, [], 0, []);
            if (shingles.Length < n)
            {
                ArrayPool<ulong>.Shared.Return(shingles);
                shingles = ArrayPool<ulong>.Shared.Rent(n);
            }
            var count = WordHashing.DistinctShingles(words.AsSpan(start, n), options.ShingleSize, shingles);
            shingleSet = shingles.AsSpan(0, count).ToArray();
            var signature = MinHasher.Signature(shingleSet, options.NumHashes);
            return new Fingerprint(hash, signature, count, MinHasher.BandKeys(signature, options.Bands, options.Rows));
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(words);
            ArrayPool<ulong>.Shared.Return(shingles);
        }
    }
}
