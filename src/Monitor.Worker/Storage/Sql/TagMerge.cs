namespace Monitor.Worker.Storage.Sql;

/// <summary>
/// How tags of items add up on a story: one tag per (kind, name, entry); matched terms are the union in first-seen
/// order; the score is the highest seen.
/// </summary>
internal static class TagMerge
{
    public static IReadOnlyList<TagRecord> Merge(IEnumerable<TagRecord> existing, IEnumerable<TagRecord> added)
    {
        var merged = new Dictionary<(string, string, string), TagRecord>();
        var order = new List<(string, string, string)>();
        foreach (var tag in existing.Concat(added))
        {
            var key = (tag.Kind, tag.Name, tag.Entry ?? "");
            if (merged.TryGetValue(key, out var seen))
                merged[key] = seen with
                {
                    Matched = DistinctInOrder(seen.Matched, tag.Matched),
                    Score = Math.Max(seen.Score, tag.Score),
                };
            else
            {
                merged[key] = tag with { Matched = DistinctInOrder(tag.Matched, []) };
                order.Add(key);
            }
        }
        var result = new List<TagRecord>(order.Count);
        foreach (var key in order) result.Add(merged[key]);
        return result;
    }

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
