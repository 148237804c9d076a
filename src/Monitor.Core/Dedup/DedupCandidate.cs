namespace Monitor.Core.Dedup;

/// <summary>A stored item offered as a possible duplicate (the store returns those sharing a band key or the content hash).</summary>
public sealed record DedupCandidate(long ItemId, long StoryId, string Title, string Text, Fingerprint Fingerprint)
{
    /// <summary>The sorted distinct shingles when already known (from <see cref="Fingerprinter.ComputeNormalized"/>);
    /// null: the judge shingles <see cref="Title"/> and <see cref="Text"/> itself.</summary>
    public ulong[]? Shingles { get; init; }
}

/// <summary>
/// Why an item joins a story: the candidate it matched, the verified Jaccard similarity and containment of their shingle
/// sets, and the <see cref="Kind"/> of match (<see cref="DuplicateKinds"/>).
/// </summary>
public sealed record DuplicateVerdict(long ItemId, long StoryId, double Similarity, double Containment, string Kind);

/// <summary>The kinds of match a <see cref="DuplicateVerdict"/> reports.</summary>
public static class DuplicateKinds
{
    /// <summary>Same words after cleanup and normalisation (same content hash).</summary>
    public const string Exact = "exact";
    /// <summary>Shingle sets similar above <see cref="DedupOptions.SimilarityThreshold"/>.</summary>
    public const string NearDuplicate = "near-duplicate";
    /// <summary>The shorter text is (almost) wholly inside the longer: quoted in a report, or cut.</summary>
    public const string Contained = "contained";
}
