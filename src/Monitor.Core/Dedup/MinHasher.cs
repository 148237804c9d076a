namespace Monitor.Core.Dedup;

/// <summary>
/// MinHash signatures and LSH band keys. One hash family, h_i(x) = high 32 bits of (a_i·x + b_i) mod 2^64 with odd
/// a_i (multiply-shift), over shingle hashes that are already well mixed: two multiplications and a compare per
/// (shingle, function), no allocation. The coefficients come from a fixed seed, so stored signatures stay comparable.
/// </summary>
internal static class MinHasher
{
    public const int MaxHashes = 1024;
    private static readonly ulong[] A = Coefficients(0x5EED_0001UL, odd: true);
    private static readonly ulong[] B = Coefficients(0x5EED_0002UL, odd: false);

    public static uint[] Signature(ReadOnlySpan<ulong> shingles, int numHashes)
    {
        if (shingles.IsEmpty) return [];
        var sig = new uint[numHashes];
        sig.AsSpan().Fill(uint.MaxValue);
        var a = A.AsSpan(0, numHashes);
        var b = B.AsSpan(0, numHashes);
        foreach (var x in shingles)
        {
            for (var i = 0; i < sig.Length; i++)
            {
                var v = (uint)((a[i] * x + b[i]) >> 32);
                if (v < sig[i]) sig[i] = v;
            }
        }
        return sig;
    }

    /// <summary>One key per band: a hash of the band index and the band's rows, so equal keys mean equal bands.</summary>
    public static long[] BandKeys(uint[] signature, int bands, int rows)
    {
        if (signature.Length == 0) return [];
        var keys = new long[bands];
        for (var band = 0; band < bands; band++)
        {
            var h = WordHashing.Mix(0x9E3779B97F4A7C15UL * (ulong)(band + 1));
            for (var r = 0; r < rows; r++)
                h = WordHashing.Mix(h + signature[band * rows + r]);
            keys[band] = unchecked((long)h);
        }
        return keys;
    }

    private static ulong[] Coefficients(ulong seed, bool odd)
    {
        var c = new ulong[MaxHashes];
        for (var i = 0; i < c.Length; i++)
        {
            var v = WordHashing.Mix(seed * 0x9E3779B97F4A7C15UL + (ulong)i);
            c[i] = odd ? v | 1UL : v;
        }
        return c;
    }
}
