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
                    Matched = seen.Matched.Concat(tag.Matched).Distinct(StringComparer.Ordinal).ToList(),
                    Score = Math.Max(seen.Score, tag.Score),
                };
            else
            {
                merged[key] = tag with { Matched = tag.Matched.Distinct(StringComparer.Ordinal).ToList() };
                order.Add(key);
            }
        }
        return order.Select(k => merged[k]).ToList();
    }
}
