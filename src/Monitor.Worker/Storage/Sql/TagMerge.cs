namespace Monitor.Worker.Storage.Sql;

/// <summary>
/// How tags of items add up on a story: one tag per (kind, name, entry); matched terms are the union in first-seen
/// order; the score is the highest seen.
/// </summary>
internal static class TagMerge
{
    public static IReadOnlyList<TagRecord> Merge(IEnumerable<TagRecord> existing, IEnumerable<TagRecord> added)
    {
        var merged = new List<TagRecord>();
        // An item has about ten tags: finding a tag's place by scanning beats hashing three strings per tag (the tuple
        // dictionary this replaces was a fifth of the save's CPU). Past the scan's limit the places are indexed.
        Dictionary<(string, string, string), int>? places = null;
        foreach (var tag in existing) Add(tag);
        foreach (var tag in added) Add(tag);
        return merged;

        void Add(TagRecord tag)
        {
            var at = PlaceOf(tag);
            if (at >= 0)
            {
                var seen = merged[at];
                merged[at] = seen with { Matched = DistinctInOrder(seen.Matched, tag.Matched), Score = Math.Max(seen.Score, tag.Score) };
                return;
            }
            places?.Add(Key(tag), merged.Count);
            merged.Add(tag with { Matched = DistinctInOrder(tag.Matched, []) });
            if (places is null && merged.Count > ScanLimit)
            {
                places = [];
                for (var i = 0; i < merged.Count; i++) places.Add(Key(merged[i]), i);
            }
        }

        int PlaceOf(TagRecord tag)
        {
            if (places is not null) return places.TryGetValue(Key(tag), out var i) ? i : -1;
            for (var i = 0; i < merged.Count; i++)
                if (SameTag(merged[i], tag)) return i;
            return -1;
        }
    }

    private static (string, string, string) Key(TagRecord tag) => (tag.Kind, tag.Name, tag.Entry ?? "");

    private static bool SameTag(TagRecord a, TagRecord b) =>
        string.Equals(a.Name, b.Name, StringComparison.Ordinal) && string.Equals(a.Kind, b.Kind, StringComparison.Ordinal)
        && string.Equals(a.Entry ?? "", b.Entry ?? "", StringComparison.Ordinal);

    /// <summary>
    /// The words of <paramref name="first"/> then <paramref name="second"/>, each once, in first-seen order. A tag
    /// holds a handful of words, so a scan of the kept ones beats the hash set LINQ's Distinct builds per call
    /// (that set was 2-3% of ingest's CPU: every save merges its item's tags).
    /// </summary>
    public static List<string> DistinctInOrder(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        var kept = new List<string>(first.Count + second.Count);
        if (first.Count + second.Count > ScanLimit)
        {
            // A long article can give a tag many spellings: the scan would grow quadratically, so keep a set.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var word in first) if (seen.Add(word)) kept.Add(word);
            foreach (var word in second) if (seen.Add(word)) kept.Add(word);
            return kept;
        }
        foreach (var word in first) AddOnce(kept, word);
        foreach (var word in second) AddOnce(kept, word);
        return kept;
    }

    private const int ScanLimit = 32;

    private static void AddOnce(List<string> kept, string word)
    {
        foreach (var k in kept)
            if (string.Equals(k, word, StringComparison.Ordinal)) return;
        kept.Add(word);
    }
}
