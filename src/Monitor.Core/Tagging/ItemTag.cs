namespace Monitor.Core.Tagging;

public enum TagKind { Topic, Watch }

/// <summary>
/// One tag on an item or story, with the reasons. For a topic, <see cref="Name"/> is the display name, <see cref="Id"/>
/// the slug and <see cref="Entry"/> null. For a watch list, <see cref="Name"/> is the list name, <see cref="Entry"/> the
/// entry name and <see cref="Id"/> is <c>watch:LIST/ENTRY</c> (the same syntax topics use to refer to it).
/// </summary>
public sealed record ItemTag(TagKind Kind, string Name, string? Entry, IReadOnlyList<TagHit> Hits, double Score)
{
    /// <summary>What subscriptions select: the topic slug, or <c>watch:LIST/ENTRY</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>The topic's kind (subject, place, text-kind) or the watch list's kind (person, place, ...).</summary>
    public string Facet { get; init; } = "";
}

/// <summary>
/// Why a tag fired: the configured <see cref="Term"/> (variant or topic term as written), the matched
/// <see cref="Surface"/> words as they appear in the text, and where (offset in the title or the body).
/// </summary>
public sealed record TagHit(string Term, string Surface, int Start, bool InTitle)
{
    /// <summary>Length of the matched words in the original text (from the first word's start to the last word's end).</summary>
    public int Length { get; init; }

    internal int End => Start + Length;

    /// <summary>
    /// One hit per mention: drops hits whose words lie inside another hit (الأسد inside بشار الأسد; البراميل inside
    /// البراميل المتفجرة) and, for the same words found by several spellings, keeps the first. Sorted title first, then by position.
    /// </summary>
    internal static List<TagHit> Outermost(IEnumerable<TagHit> hits)
    {
        // Title first, then by position, longest first; a stable sort (equal keys keep their order: the first
        // spelling wins), as the LINQ OrderBy chain it replaces, without its buffers (tagging runs once per article).
        var sorted = new List<(TagHit Hit, int Index)>(hits.TryGetNonEnumeratedCount(out var count) ? count : 4);
        foreach (var h in hits) sorted.Add((h, sorted.Count));
        if (sorted.Count <= 1) return sorted.Count == 0 ? [] : [sorted[0].Hit];
        sorted.Sort(static (a, b) =>
        {
            if (a.Hit.InTitle != b.Hit.InTitle) return a.Hit.InTitle ? -1 : 1;
            var byStart = a.Hit.Start.CompareTo(b.Hit.Start);
            if (byStart != 0) return byStart;
            var byLength = b.Hit.Length.CompareTo(a.Hit.Length);
            return byLength != 0 ? byLength : a.Index.CompareTo(b.Index);
        });
        var kept = new List<TagHit>(sorted.Count);
        var maxEnd = -1;
        bool? group = null;
        foreach (var (h, _) in sorted)
        {
            if (group != h.InTitle) { group = h.InTitle; maxEnd = -1; }
            if (h.End <= maxEnd) continue;
            kept.Add(h);
            maxEnd = h.End;
        }
        return kept;
    }
}
