using Monitor.Core.Dedup;
using Monitor.Tests.Support;

namespace Monitor.Core.Tests.Dedup;

// Risk guarded: the vectorised MinHash giving any other value than the plain multiply-shift definition. Signatures and
// band keys are stored and compared with those of items fingerprinted before, so they must be bit-identical.
public class MinHashEquivalenceTests
{
    [Fact]
    public void Signatures_of_random_shingles_equal_the_plain_definition_for_every_hash_count()
    {
        var random = new Random(5);
        foreach (var numHashes in new[] { 1, 7, 8, 9, 64, 120, 127, 128, 200 })
        {
            for (var round = 0; round < 40; round++)
            {
                var shingles = new ulong[random.Next(1, 300)];
                for (var i = 0; i < shingles.Length; i++)
                    shingles[i] = round % 4 == 0 ? (ulong)random.Next(0, 50) : (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
                var reference = Reference(shingles, numHashes);
                Assert.Equal(reference, MinHasher.Signature(shingles, numHashes));
                // Each vector width on its own, whatever this processor would choose (the native build takes 128 bits).
                Assert.Equal(reference, MinHasher.Signature(shingles, numHashes, vectorBits: 128));
                Assert.Equal(reference, MinHasher.Signature(shingles, numHashes, vectorBits: 256));
            }
        }
    }

    [Fact]
    public void Signatures_of_the_seed_texts_equal_the_plain_definition()
    {
        var options = new DedupOptions();
        foreach (var text in TestPaths.SeedTexts())
        {
            var fingerprint = Fingerprinter.ComputeNormalized("", Monitor.Core.Text.ArabicNormalizer.Normalize(text), options, out var shingles);
            Assert.Equal(Reference(shingles, options.NumHashes), fingerprint.Signature);
        }
    }

    [Fact]
    public void Extreme_shingle_values_wrap_as_the_plain_definition_does()
    {
        ulong[] shingles = [0, 1, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 63, 0xFFFF_FFFF, 0x1_0000_0000];
        Assert.Equal(Reference(shingles, 120), MinHasher.Signature(shingles, 120));
        Assert.Equal(Reference(shingles, 120), MinHasher.Signature(shingles, 120, vectorBits: 128));
    }

    private static uint[] Reference(ulong[] shingles, int numHashes)
    {
        var sig = new uint[numHashes];
        Array.Fill(sig, uint.MaxValue);
        MinHasher.Scalar(shingles, sig, 0);
        return sig;
    }
}
