using System.Buffers;

namespace Monitor.Core.Dedup;

/// <summary>
/// Finds the shingles of an item that are a publisher's recurring boilerplate: those found in the candidates of at least
/// <c>minStories</c> distinct stories. A real statement's shingles live in one story (its republications), so they are
/// never discounted; a closing formula repeated under every statement is.
/// </summary>
internal static class Boilerplate
{
    /// <summary>
    /// Marks in <paramref name="isBoilerplate"/> (one flag per shingle of <paramref name="mine"/>) the boilerplate
    /// shingles and returns how many. All sets are sorted and distinct, so each candidate is one merge walk against
    /// <paramref name="mine"/>; candidates are visited story by story, so a shingle's count of stories goes up once per
    /// story however many of its items hold it. (A hash set of stories per shingle cost a sixth of the judge.)
    /// </summary>
    public static int Mark(ReadOnlySpan<ulong> mine, ulong[][] theirs, IReadOnlyList<DedupCandidate> candidates, int minStories, Span<bool> isBoilerplate)
    {
        isBoilerplate.Clear();
        if (mine.IsEmpty || DistinctStories(candidates) < minStories) return 0;

        // Candidate indexes grouped by story (a stable order is not needed: only the grouping counts).
        var order = new int[candidates.Count];
        var stories = new long[candidates.Count];
        for (var c = 0; c < order.Length; c++) { order[c] = c; stories[c] = candidates[c].StoryId; }
        Array.Sort(stories, order);

        var counts = ArrayPool<int>.Shared.Rent(mine.Length);
        var lastStory = ArrayPool<int>.Shared.Rent(mine.Length);
        try
        {
            counts.AsSpan(0, mine.Length).Clear();
            lastStory.AsSpan(0, mine.Length).Fill(-1);
            var story = -1;
            for (var k = 0; k < order.Length; k++)
            {
                if (k == 0 || stories[k] != stories[k - 1]) story++;
                CountShared(mine, theirs[order[k]], story, counts, lastStory);
            }
            var marked = 0;
            for (var i = 0; i < mine.Length; i++)
                if (counts[i] >= minStories) { isBoilerplate[i] = true; marked++; }
            return marked;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
            ArrayPool<int>.Shared.Return(lastStory);
        }
    }

    /// <summary>Counts story <paramref name="story"/> once for each shingle of <paramref name="mine"/> in <paramref name="set"/>.</summary>
    private static void CountShared(ReadOnlySpan<ulong> mine, ulong[] set, int story, int[] counts, int[] lastStory)
    {
        int i = 0, j = 0;
        while (i < mine.Length && j < set.Length)
        {
            var a = mine[i];
            var b = set[j];
            if (a < b) i++;
            else if (a > b) j++;
            else
            {
                if (lastStory[i] != story) { lastStory[i] = story; counts[i]++; }
                i++; j++;
            }
        }
    }

    private static int DistinctStories(IReadOnlyList<DedupCandidate> candidates)
    {
        var seen = new HashSet<long>();
        foreach (var c in candidates) seen.Add(c.StoryId);
        return seen.Count;
    }
}
