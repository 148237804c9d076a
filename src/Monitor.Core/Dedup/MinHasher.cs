using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    public static uint[] Signature(ReadOnlySpan<ulong> shingles, int numHashes) =>
        Signature(shingles, numHashes, Avx2.IsSupported ? 256 : Sse2.IsSupported ? 128 : 0);

    /// <summary>With vectors of <paramref name="vectorBits"/> (256: AVX2; 128: SSE2, what the native build may assume
    /// of any x64 processor; 0: none). Every width gives the same signature; tests compare each with the scalar one.</summary>
    internal static uint[] Signature(ReadOnlySpan<ulong> shingles, int numHashes, int vectorBits)
    {
        if (shingles.IsEmpty) return [];
        var sig = new uint[numHashes];
        sig.AsSpan().Fill(uint.MaxValue);
        var vectorised = 0;
        if (vectorBits == 256 && Avx2.IsSupported)
        {
            vectorised = numHashes / Lanes * Lanes;
            if (vectorised > 0) SignatureAvx2(shingles, sig.AsSpan(0, vectorised));
        }
        else if (vectorBits == 128 && Sse2.IsSupported)
        {
            vectorised = numHashes / Lanes128 * Lanes128;
            if (vectorised > 0) SignatureSse2(shingles, sig.AsSpan(0, vectorised));
        }
        Scalar(shingles, sig.AsSpan(vectorised), vectorised);
        return sig;
    }

    /// <summary>The plain definition (hash functions <paramref name="first"/> onwards); also the reference the tests
    /// compare the vectorised path with.</summary>
    internal static void Scalar(ReadOnlySpan<ulong> shingles, Span<uint> sig, int first)
    {
        if (sig.IsEmpty) return;
        var a = A.AsSpan(first, sig.Length);
        var b = B.AsSpan(first, sig.Length);
        foreach (var x in shingles)
        {
            for (var i = 0; i < sig.Length; i++)
            {
                var v = (uint)((a[i] * x + b[i]) >> 32);
                if (v < sig[i]) sig[i] = v;
            }
        }
    }

    private const int Lanes = 8;
    private static readonly uint[] ALow = [.. A.Select(a => (uint)a)];
    private static readonly uint[] AHigh = [.. A.Select(a => (uint)(a >> 32))];
    // For the odd hash functions of each group of eight, the low halves moved into the even 32-bit lanes, where the
    // 32×32→64 multiply reads them.
    private static readonly uint[] ALowOdd = [.. A.Select((a, i) => i % 2 == 1 ? (uint)a : 0u)];
    private static readonly ulong[] BEven = [.. B.Where((_, i) => i % 2 == 0)];
    private static readonly ulong[] BOdd = [.. B.Where((_, i) => i % 2 == 1)];

    /// <summary>
    /// Eight hash functions at once, bit for bit the scalar result. AVX2 has no 64×64 multiply, but only the high 32 bits
    /// of (a·x + b) mod 2^64 are kept, and with a = aH·2^32 + aL, x = xH·2^32 + xL they are
    /// hi32(aL·xL + b) + (aH·xL + aL·xH) mod 2^32: one 32×32→64 multiply per function plus two 32-bit ones.
    /// (Fingerprinting an article was ≈ 3.5% of ingest's CPU, most of it this loop.)
    /// </summary>
    private static void SignatureAvx2(ReadOnlySpan<ulong> shingles, Span<uint> sig)
    {
        var highMask = Vector256.Create(0xFFFF_FFFF_0000_0000UL);
        for (var block = 0; block < sig.Length; block += Lanes)
        {
            var aLow = Vector256.Create<uint>(ALow.AsSpan(block, Lanes));
            var aHigh = Vector256.Create<uint>(AHigh.AsSpan(block, Lanes));
            var aLowOdd = Avx2.ShiftRightLogical(Vector256.Create<uint>(ALowOdd.AsSpan(block, Lanes)).AsUInt64(), 32).AsUInt32();
            var bEven = Vector256.Create<ulong>(BEven.AsSpan(block / 2, Lanes / 2));
            var bOdd = Vector256.Create<ulong>(BOdd.AsSpan(block / 2, Lanes / 2));
            var min = Vector256.Create(uint.MaxValue);
            foreach (var x in shingles)
            {
                var xLow = Vector256.Create((uint)x);
                var xHigh = Vector256.Create((uint)(x >> 32));
                var cross = aHigh * xLow + aLow * xHigh;
                var even = Avx2.Multiply(aLow, xLow) + bEven;       // functions 0, 2, 4, 6: a·x + b, low 64 bits
                var odd = Avx2.Multiply(aLowOdd, xLow) + bOdd;      // functions 1, 3, 5, 7
                var high = (Avx2.ShiftRightLogical(even, 32) | (odd & highMask)).AsUInt32();
                min = Vector256.Min(min, high + cross);
            }
            min.CopyTo(sig.Slice(block, Lanes));
        }
    }

    private const int Lanes128 = 4;

    /// <summary>
    /// <see cref="SignatureAvx2"/> four functions at a time with SSE2 alone: the native build is compiled for processors
    /// without AVX2, and there the scalar loop was 4% of ingest's CPU.
    /// </summary>
    private static void SignatureSse2(ReadOnlySpan<ulong> shingles, Span<uint> sig)
    {
        var highMask = Vector128.Create(0xFFFF_FFFF_0000_0000UL);
        for (var block = 0; block < sig.Length; block += Lanes128)
        {
            var aLow = Vector128.Create<uint>(ALow.AsSpan(block, Lanes128));
            var aHigh = Vector128.Create<uint>(AHigh.AsSpan(block, Lanes128));
            var aLowOdd = Sse2.ShiftRightLogical(Vector128.Create<uint>(ALowOdd.AsSpan(block, Lanes128)).AsUInt64(), 32).AsUInt32();
            var bEven = Vector128.Create<ulong>(BEven.AsSpan(block / 2, Lanes128 / 2));
            var bOdd = Vector128.Create<ulong>(BOdd.AsSpan(block / 2, Lanes128 / 2));
            var min = Vector128.Create(uint.MaxValue);
            foreach (var x in shingles)
            {
                var xLow = Vector128.Create((uint)x);
                var xHigh = Vector128.Create((uint)(x >> 32));
                var cross = aHigh * xLow + aLow * xHigh;
                var even = Sse2.Multiply(aLow, xLow) + bEven;       // functions 0, 2: a·x + b, low 64 bits
                var odd = Sse2.Multiply(aLowOdd, xLow) + bOdd;      // functions 1, 3
                var high = (Sse2.ShiftRightLogical(even, 32) | (odd & highMask)).AsUInt32();
                min = Vector128.Min(min, high + cross);
            }
            min.CopyTo(sig.Slice(block, Lanes128));
        }
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
