using System.Buffers;
using System.Numerics;

namespace Monitor.Core.Dedup;

/// <summary>
/// Finds the shingles of an item that are a publisher's recurring boilerplate: those found in the candidates of at least
/// <c>minStories</c> distinct stories. A real statement's shingles live in one story (its republications), so they are
/// never discounted; a closing formula repeated under every statement is.
/// <para>Works on bit sets over the item's shingles (bit k: the k-th shingle of the item's sorted set): one merge walk
/// per candidate (<see cref="Match"/>) gives the candidate's set, from which both the boilerplate and the candidate's
/// shared count follow by bit operations. (A hash set of stories per shingle, then a second walk per candidate with a
/// hash lookup per shared shingle, cost a sixth of the judge.)</para>
/// </summary>
internal static class Boilerplate
{
    /// <summary>Words of a bit set over <paramref name="shingles"/> shingles.</summary>
    public static int Words(int shingles) => (shingles + 63) >> 6;

    /// <summary>Sets bit k of <paramref name="bits"/> for each shingle <c>mine[k]</c> also in <paramref name="theirs"/>
    /// (both sorted and distinct). Branch-free steps: which side advances is a coin toss the CPU cannot predict.</summary>
    public static void Match(ReadOnlySpan<ulong> mine, ReadOnlySpan<ulong> theirs, Span<ulong> bits)
    {
        int i = 0, j = 0;
        while (i < mine.Length && j < theirs.Length)
        {
            var a = mine[i];
            var b = theirs[j];
            bits[i >> 6] |= (ulong)(a == b ? 1 : 0) << i;
            i += a <= b ? 1 : 0;
            j += b <= a ? 1 : 0;
        }
    }

    /// <summary>
    /// Sets in <paramref name="boilerplate"/> the bits of the shingles held by candidates of at least
    /// <paramref name="minStories"/> distinct stories and returns how many. <paramref name="matched"/> holds each
    /// candidate's bit set from <see cref="Match"/>, <paramref name="words"/> words each, in the order of
    /// <paramref name="candidates"/>.
    /// </summary>
    public static int Mark(ReadOnlySpan<ulong> matched, int words, IReadOnlyList<DedupCandidate> candidates, int minStories, Span<ulong> boilerplate)
    {
        boilerplate.Clear();
        if (DistinctStories(candidates) < minStories) return 0;

        // Candidate indexes grouped by story: a shingle counts once per story however many of its items hold it.
        var order = new int[candidates.Count];
        var stories = new long[candidates.Count];
        for (var c = 0; c < order.Length; c++) { order[c] = c; stories[c] = candidates[c].StoryId; }
        Array.Sort(stories, order);

        var shingles = words * 64;
        var counts = ArrayPool<int>.Shared.Rent(shingles);
        var story = ArrayPool<ulong>.Shared.Rent(words);
        try
        {
            counts.AsSpan(0, shingles).Clear();
            var storyBits = story.AsSpan(0, words);
            for (var k = 0; k < order.Length;)
            {
                storyBits.Clear();
                var first = k;
                for (; k < order.Length && stories[k] == stories[first]; k++)
                {
                    var set = matched.Slice(order[k] * words, words);
                    for (var w = 0; w < words; w++) storyBits[w] |= set[w];
                }
                for (var w = 0; w < words; w++)
                    for (var bits = storyBits[w]; bits != 0; bits &= bits - 1)
                        counts[w * 64 + BitOperations.TrailingZeroCount(bits)]++;
            }
            var marked = 0;
            for (var s = 0; s < shingles; s++)
                if (counts[s] >= minStories) { boilerplate[s >> 6] |= 1UL << s; marked++; }
            return marked;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
            ArrayPool<ulong>.Shared.Return(story);
        }
    }

    private static int DistinctStories(IReadOnlyList<DedupCandidate> candidates)
    {
        var seen = new HashSet<long>();
        foreach (var c in candidates) seen.Add(c.StoryId);
        return seen.Count;
    }
}
