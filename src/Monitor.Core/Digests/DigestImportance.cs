namespace Monitor.Core.Digests;

/// <summary>
/// "Most important first": more (visible) sources, then a primary publisher among them, then the most recently
/// updated, then the story id so the order is stable from run to run.
/// </summary>
public sealed class DigestImportance : IComparer<DigestEntry>
{
    public static DigestImportance Comparer { get; } = new();

    public int Compare(DigestEntry? x, DigestEntry? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return 1;
        if (y is null) return -1;
        var bySources = y.Sources.Count.CompareTo(x.Sources.Count);
        if (bySources != 0) return bySources;
        var byPrimary = y.HasPrimarySource.CompareTo(x.HasPrimarySource);
        if (byPrimary != 0) return byPrimary;
        var byRecency = y.Story.LastUpdated.CompareTo(x.Story.LastUpdated);
        return byRecency != 0 ? byRecency : x.Story.StoryId.CompareTo(y.Story.StoryId);
    }
}
