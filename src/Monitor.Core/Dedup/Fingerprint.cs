using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    /// The shortlist ranks a hundred candidates or more per item this way, one after another on the decisions' path, so
    /// the slots are compared a vector at a time and the equal lanes (all ones, that is -1) are subtracted from a
    /// per-lane count, summed once at the end: a compare and a subtract per vector, where a mask extraction and a
    /// population count per vector cost twice the instructions (native build, which assumes no AVX2: 128-bit vectors).</summary>
    public double EstimateSimilarity(Fingerprint other)
    {
        var n = Math.Min(Signature.Length, other.Signature.Length);
        if (n == 0) return 0;
        ref var a = ref MemoryMarshal.GetArrayDataReference(Signature);
        ref var b = ref MemoryMarshal.GetArrayDataReference(other.Signature);
        var equal = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<uint>.Count)
        {
            var count = Vector256<int>.Zero;
            for (; i <= n - Vector256<uint>.Count; i += Vector256<uint>.Count)
                count -= Vector256.Equals(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i)).AsInt32();
            equal += Vector256.Sum(count);
        }
        if (Vector128.IsHardwareAccelerated && n - i >= Vector128<uint>.Count)
        {
            var count = Vector128<int>.Zero;
            for (; i <= n - Vector128<uint>.Count; i += Vector128<uint>.Count)
                count -= Vector128.Equals(Vector128.LoadUnsafe(ref a, (nuint)i), Vector128.LoadUnsafe(ref b, (nuint)i)).AsInt32();
            equal += Vector128.Sum(count);
        }
        for (; i < n; i++)
            if (Unsafe.Add(ref a, i) == Unsafe.Add(ref b, i)) equal++;
        return (double)equal / n;
    }
}
