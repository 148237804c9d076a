namespace Monitor.Core.Dedup;

/// <summary>
/// Finds the shingles of an item that are a publisher's recurring boilerplate: those found in the candidates of at least
/// <c>minStories</c> distinct stories. A real statement's shingles live in one story (its republications), so they are
/// never discounted; a closing formula repeated under every statement is.
/// </summary>
internal static class Boilerplate
{
    public static HashSet<ulong> Find(ulong[] mine, ulong[][] theirs, IReadOnlyList<DedupCandidate> candidates, int minStories)
    {
        var result = new HashSet<ulong>();
        var storyCount = candidates.Select(c => c.StoryId).Distinct().Count();
        if (storyCount < minStories) return result;

        var storiesPerShingle = new Dictionary<ulong, HashSet<long>>();
        for (var c = 0; c < theirs.Length; c++)
        {
            var set = theirs[c];
            foreach (var s in mine)
            {
                if (Array.BinarySearch(set, s) < 0) continue;
                if (!storiesPerShingle.TryGetValue(s, out var stories))
                    storiesPerShingle[s] = stories = [];
                stories.Add(candidates[c].StoryId);
            }
        }
        foreach (var (shingle, stories) in storiesPerShingle)
            if (stories.Count >= minStories) result.Add(shingle);
        return result;
    }
}
