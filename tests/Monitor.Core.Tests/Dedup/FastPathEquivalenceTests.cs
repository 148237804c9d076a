using System.Numerics;
using Monitor.Core.Dedup;
using Monitor.Tests.Support;

namespace Monitor.Core.Tests.Dedup;

// Risk guarded: a faster shingler, boilerplate finder, similarity estimate or shortlist that hashes, counts or orders
// differently. Shingle hashes are stored
// (signatures, band keys) and the thresholds were measured on them, so the fast code must give bit-identical results to
// the plain definitions below (the code before it was made fast), on real Arabic and on arbitrary characters.
public class FastPathEquivalenceTests
{
    private static readonly DedupOptions Options = new();

    [Fact]
    public void Word_hashes_of_the_seed_texts_equal_the_per_word_definition()
    {
        foreach (var text in TestPaths.SeedTexts())
        {
            var normalized = Monitor.Core.Text.ArabicNormalizer.Normalize(text);
            Assert.Equal(ReferenceWordHashes(normalized), FastWordHashes(normalized));
        }
    }

    [Fact]
    public void Content_hashes_equal_the_string_builder_definition_on_seeds_and_arbitrary_characters()
    {
        foreach (var text in TestPaths.SeedTexts())
        {
            var clean = ShingleText.Clean(text);
            Assert.Equal(ReferenceContentHash(clean[..(clean.Length / 3)], clean), ShingleText.ContentHash(clean[..(clean.Length / 3)], clean));
        }
        var random = new Random(12);
        for (var round = 0; round < 200; round++)
        {
            var (title, text) = (ArbitraryText(random, 300), ArbitraryText(random, 300));
            Assert.Equal(ReferenceContentHash(title, text), ShingleText.ContentHash(title, text));
        }
        // Pinned: stored hashes must not change (SHA-256 of "بيان الائتلاف\nنص الخبر 2024 abc" in UTF-8).
        Assert.Equal("3e07e29cf740a78e535c106adc9825ed362220599300a1ad7ede2b52cc5f5dea",
            ShingleText.ContentHash("  بيان، الائتلاف!", "نص  الخبر: 2024 (abc)"));
    }

    /// <summary>The content hash as first written: words (runs of letters and digits) joined by one space in a
    /// StringBuilder, title and text joined by a line break, UTF-8, SHA-256, lower-case hex.</summary>
    private static string ReferenceContentHash(string title, string text)
    {
        var joined = new System.Text.StringBuilder()
            .AppendJoin(' ', ReferenceWords(title)).Append('\n').AppendJoin(' ', ReferenceWords(text)).ToString();
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(joined)));
    }

    [Fact]
    public void Word_hashes_of_arbitrary_characters_equal_the_per_word_definition()
    {
        // Every BMP character class: Latin, Arabic and its presentation forms, CJK, surrogates, controls, digits.
        var random = new Random(9);
        for (var round = 0; round < 200; round++)
        {
            var text = ArbitraryText(random, 400);
            Assert.Equal(ReferenceWordHashes(text), FastWordHashes(text));
        }
    }

    [Fact]
    public void Shingles_of_the_seed_texts_equal_the_sorted_distinct_definition()
    {
        foreach (var text in TestPaths.SeedTexts())
        {
            var lines = text.Split('\n', 2);
            var shingles = Fingerprinter.Shingles(lines[0], lines.Length > 1 ? lines[1] : "", Options);
            var words = FastWordHashes(ShingleText.Clean(lines.Length > 1 ? lines[1] : ""));
            if (words.Length < Options.MinTokens) continue;
            Assert.Equal(ReferenceShingles(words, Options.ShingleSize), shingles);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Shingles_with_repeated_words_equal_the_sorted_distinct_definition(int size)
    {
        var random = new Random(size);
        for (var round = 0; round < 100; round++)
        {
            // Few distinct words, many repeats: duplicate shingles, crowded buckets.
            var words = Enumerable.Range(0, random.Next(1, 3000)).Select(_ => (ulong)random.Next(0, 1 + round)).ToArray();
            var dest = new ulong[words.Length];
            var n = WordHashing.DistinctShingles(words, size, dest);
            Assert.Equal(ReferenceShingles(words, size), dest[..n]);
        }
    }

    [Fact]
    public void Hash_sort_orders_as_the_library_sort_at_every_size()
    {
        var random = new Random(4);
        foreach (var n in new[] { 0, 1, 2, 47, 48, 49, 63, 64, 65, 200, 1000, 4097 })
        {
            foreach (var skewed in new[] { false, true })
            {
                // Skewed: all in a narrow range of top bits, so a few buckets hold everything.
                var values = Enumerable.Range(0, n).Select(_ => skewed ? (ulong)random.NextInt64(0, 1000) : (ulong)random.NextInt64() * 3).ToArray();
                var expected = values.ToArray();
                Array.Sort(expected);
                HashSort.Sort(values);
                Assert.Equal(expected, values);
            }
        }
    }

    [Fact]
    public void Boilerplate_marks_the_shingles_shared_by_candidates_of_enough_stories()
    {
        var random = new Random(5);
        for (var round = 0; round < 300; round++)
        {
            var universe = random.Next(5, 400);
            ulong[] Set() => Enumerable.Range(0, universe).Where(_ => random.Next(3) == 0).Select(x => (ulong)x * 0x9E3779B97F4A7C15UL).Order().ToArray();
            var mine = Set();
            var count = random.Next(0, 12);
            var theirs = Enumerable.Range(0, count).Select(_ => random.Next(8) == 0 ? [] : Set()).ToArray();
            var candidates = Enumerable.Range(0, count)
                .Select(c => new DedupCandidate(c, random.Next(0, 5), "", "", new Fingerprint("", [], 0, []))).ToList();
            var minStories = random.Next(2, 4);

            var words = Boilerplate.Words(mine.Length);
            var matched = new ulong[words * count];
            for (var c = 0; c < count; c++) Boilerplate.Match(mine, theirs[c], matched.AsSpan(c * words, words));
            var bits = new ulong[words];
            var marked = Boilerplate.Mark(matched, words, candidates, minStories, bits);

            for (var c = 0; c < count; c++)
                Assert.Equal(mine.Select(theirs[c].Contains), mine.Select((_, k) => (matched[c * words + (k >> 6)] >> k & 1) == 1));
            var expected = ReferenceBoilerplate(mine, theirs, candidates, minStories);
            Assert.Equal(expected.Count, marked);
            Assert.Equal(mine.Select(expected.Contains), mine.Select((_, k) => (bits[k >> 6] >> k & 1) == 1));
        }
    }

    [Fact]
    public void Similarity_estimate_counts_equal_slots_as_the_slot_by_slot_definition()
    {
        var random = new Random(6);
        for (var round = 0; round < 500; round++)
        {
            uint[] Signature(int length) => Enumerable.Range(0, length).Select(_ => (uint)random.Next(0, 4)).ToArray();
            var a = Signature(random.Next(0, 130));
            var b = random.Next(4) == 0 ? Signature(random.Next(0, 130)) : Signature(a.Length);
            var n = Math.Min(a.Length, b.Length);
            var expected = n == 0 ? 0 : (double)Enumerable.Range(0, n).Count(i => a[i] == b[i]) / n;
            Assert.Equal(expected, new Fingerprint("", a, 0, []).EstimateSimilarity(new Fingerprint("", b, 0, [])));
        }
    }

    [Fact]
    public void Shortlist_keeps_the_order_of_a_stable_sort_nearest_first()
    {
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            // Few distinct slot values and shingle counts: many equal scores, so ties decide the order.
            uint[] Signature() => Enumerable.Range(0, Options.NumHashes).Select(_ => (uint)random.Next(0, 3)).ToArray();
            var item = new DedupCandidate(0, 0, "", "", new Fingerprint("i", Signature(), 100, []));
            var candidates = Enumerable.Range(1, random.Next(0, 60))
                .Select(id => new DedupCandidate(id, id, "", "", new Fingerprint("c" + id, random.Next(10) == 0 ? [] : Signature(), random.Next(50, 52), [])))
                .ToList();

            var expected = candidates
                .Select(c => (Candidate: c, Score: ReferenceScore(item, c)))
                .Where(s => s.Score is not null)
                .OrderByDescending(s => s.Score!.Value).Take(CandidateShortlist.MaxVerified).Select(s => s.Candidate.ItemId);
            Assert.Equal(expected, CandidateShortlist.Select(item, candidates, Options).Select(c => c.ItemId));
        }
    }

    // The shortlist's rule as first written: null when the candidate is dropped.
    private static double? ReferenceScore(DedupCandidate item, DedupCandidate c)
    {
        if (!c.Fingerprint.HasSignature) return 1;
        var jaccard = item.Fingerprint.EstimateSimilarity(c.Fingerprint);
        var containment = CandidateShortlist.EstimateContainment(jaccard, item.Fingerprint.ShingleCount, c.Fingerprint.ShingleCount);
        return jaccard >= Options.SimilarityThreshold * 0.5 || containment >= Options.ContainmentThreshold * 0.5
            ? Math.Max(jaccard, containment) : null;
    }

    private static ulong[] FastWordHashes(string text)
    {
        // The buffer is pooled (the shingler grows it by renting); a small one makes the test grow it too.
        var buffer = System.Buffers.ArrayPool<ulong>.Shared.Rent(4);
        var n = WordHashing.AppendWordHashes(text, ref buffer, 0);
        var result = buffer[..n];
        System.Buffers.ArrayPool<ulong>.Shared.Return(buffer);
        return result;
    }

    // The definitions as first written: a word is a run of char.IsLetterOrDigit, hashed by FNV-1a over Rasm, then Mix.
    private static ulong[] ReferenceWordHashes(string text) =>
        ReferenceWords(text).Select(w => WordHashing.HashWord(w)).ToArray();

    /// <summary>The words of a text as first defined: runs of <see cref="char.IsLetterOrDigit(char)"/>.</summary>
    private static List<string> ReferenceWords(string text)
    {
        var words = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
            words.Add(text[start..i]);
        }
        return words;
    }

    /// <summary>Up to <paramref name="maxLength"/> characters of every BMP class: Arabic and its presentation forms,
    /// Latin, CJK, surrogates, controls, digits, spaces.</summary>
    private static string ArbitraryText(Random random, int maxLength)
    {
        var chars = new char[random.Next(0, maxLength)];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = random.Next(4) switch
            {
                0 => (char)random.Next(0x600, 0x700),
                1 => (char)random.Next(0, 0x700),
                2 => ' ',
                _ => (char)random.Next(0, 0x10000),
            };
        return new string(chars);
    }

    private static ulong[] ReferenceShingles(ulong[] words, int size)
    {
        var all = new List<ulong>();
        var last = Math.Max(0, words.Length - size);
        for (var i = 0; i <= last && words.Length > 0; i++)
        {
            var h = (ulong)size;
            for (var j = i; j < Math.Min(words.Length, i + size); j++)
                h = WordHashing.Mix(BitOperations.RotateLeft(h, 23) ^ words[j]);
            all.Add(h);
        }
        return all.Distinct().Order().ToArray();
    }

    private static HashSet<ulong> ReferenceBoilerplate(ulong[] mine, ulong[][] theirs, IReadOnlyList<DedupCandidate> candidates, int minStories)
    {
        var result = new HashSet<ulong>();
        if (candidates.Select(c => c.StoryId).Distinct().Count() < minStories) return result;
        var storiesPerShingle = new Dictionary<ulong, HashSet<long>>();
        for (var c = 0; c < theirs.Length; c++)
            foreach (var s in mine)
            {
                if (Array.BinarySearch(theirs[c], s) < 0) continue;
                if (!storiesPerShingle.TryGetValue(s, out var stories)) storiesPerShingle[s] = stories = [];
                stories.Add(candidates[c].StoryId);
            }
        foreach (var (shingle, stories) in storiesPerShingle)
            if (stories.Count >= minStories) result.Add(shingle);
        return result;
    }
}
