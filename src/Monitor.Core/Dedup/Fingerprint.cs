using System.Numerics;
using System.Runtime.Intrinsics;

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

    /// <summary>Share of equal signature slots: an unbiased estimate of the Jaccard similarity of the shingle sets.
    /// Compared eight slots at a time where the CPU can: the shortlist ranks a hundred candidates or more per item
    /// this way, and the slot-by-slot loop was the judge's largest single cost after shingling.</summary>
    public double EstimateSimilarity(Fingerprint other)
    {
        var n = Math.Min(Signature.Length, other.Signature.Length);
        if (n == 0) return 0;
        ReadOnlySpan<uint> a = Signature.AsSpan(0, n), b = other.Signature.AsSpan(0, n);
        var equal = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i <= n - Vector256<uint>.Count; i += Vector256<uint>.Count)
                equal += BitOperations.PopCount(Vector256.Equals(Vector256.Create(a[i..]), Vector256.Create(b[i..])).ExtractMostSignificantBits());
        // The native build assumes no AVX2: 128-bit vectors there (the scalar loop was 4% of its ingest CPU).
        if (Vector128.IsHardwareAccelerated)
            for (; i <= n - Vector128<uint>.Count; i += Vector128<uint>.Count)
                equal += BitOperations.PopCount(Vector128.Equals(Vector128.Create(a[i..]), Vector128.Create(b[i..])).ExtractMostSignificantBits());
        for (; i < n; i++)
            if (a[i] == b[i]) equal++;
        return (double)equal / n;
    }
}
