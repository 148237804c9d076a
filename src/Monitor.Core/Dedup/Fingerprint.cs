namespace Monitor.Core.Dedup;

/// <summary>
/// What the store keeps to find an item's duplicates. <see cref="ContentHash"/> (hex SHA-256 of the cleaned, normalised
/// words of title and text) finds exact copies; <see cref="Signature"/> is the MinHash of the word shingles (empty when
/// the text is shorter than <see cref="DedupOptions.MinTokens"/>); <see cref="BandKeys"/> are the LSH keys, one per band,
/// each already mixing in its band index, so the store indexes plain (band_key → item) pairs.
/// </summary>
public sealed record Fingerprint(string ContentHash, uint[] Signature, int ShingleCount, long[] BandKeys)
{
    /// <summary>True when the text was long enough for a signature (and so takes part in near-duplicate search).</summary>
    public bool HasSignature => Signature.Length > 0;

    /// <summary>Share of equal signature slots: an unbiased estimate of the Jaccard similarity of the shingle sets.</summary>
    public double EstimateSimilarity(Fingerprint other)
    {
        var n = Math.Min(Signature.Length, other.Signature.Length);
        if (n == 0) return 0;
        var equal = 0;
        for (var i = 0; i < n; i++)
            if (Signature[i] == other.Signature[i]) equal++;
        return (double)equal / n;
    }
}
