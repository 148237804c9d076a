using Monitor.Core.Dedup;

namespace Monitor.Worker.Storage;

// Rows as the store hands them out. Times are UTC DateTimeOffsets.

/// <summary>A source and its fetch state (the configuration defines it; the store keeps what happened).</summary>
public sealed record SourceRecord
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Url { get; init; }
    public string Type { get; init; } = "feed";
    public TimeSpan Interval { get; init; }
    public string TimeZone { get; init; } = "UTC";
    public bool Primary { get; init; }
    public bool Enabled { get; init; } = true;
    /// <summary>Selectors for html sources, as JSON (HtmlSelectorOptions), or null.</summary>
    public string? SelectorsJson { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public DateTimeOffset? LastAttemptAt { get; init; }
    public DateTimeOffset? LastSuccessAt { get; init; }
    public DateTimeOffset? LastNewItemAt { get; init; }
    public int ConsecutiveFailures { get; init; }
    public string? LastError { get; init; }
    /// <summary>Not before this time (backoff, Retry-After).</summary>
    public DateTimeOffset? NextPollAt { get; init; }
    /// <summary>Per-source learned identity mode: "guid" (default) or "link" when guids proved unusable.</summary>
    public string IdentityMode { get; init; } = "guid";
    /// <summary>
    /// The SSRF guard for every fetch of this source, redirects included, whatever <c>Fetch:BlockPrivateAddresses</c>
    /// says: set for sources added through the admin pages (unless <c>Web:AllowPrivateSourceAddresses</c>), so an
    /// address checked when the source was saved cannot later resolve or redirect to a private one.
    /// </summary>
    public bool BlockPrivateAddresses { get; init; }
}

/// <summary>The result of one poll, recorded on the source row.</summary>
public sealed record FetchRecord
{
    public required DateTimeOffset At { get; init; }
    public required bool Success { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    /// <summary>A permanent redirect moved the source here.</summary>
    public string? NewUrl { get; init; }
    public string? Error { get; init; }
    public int NewItems { get; init; }
    public DateTimeOffset? NextPollAt { get; init; }
    public string? IdentityMode { get; init; }
}

/// <summary>An item to store: one entry of one source, analysed, fingerprinted and tagged.</summary>
public sealed record NewItem
{
    public required string SourceId { get; init; }
    public string? Guid { get; init; }
    public string? Link { get; init; }
    public required string Title { get; init; }
    public required string Text { get; init; }
    public string? Html { get; init; }
    public required DateTimeOffset Published { get; init; }
    public required DateTimeOffset FetchedAt { get; init; }
    /// <summary>Hash of the normalised title+text (exact duplicates).</summary>
    public required string ContentHash { get; init; }
    /// <summary>MinHash signature and shingle count (near duplicates), or empty for texts too short to fingerprint.</summary>
    public uint[] Signature { get; init; } = [];
    public int ShingleCount { get; init; }
    /// <summary>LSH band keys: the candidate index.</summary>
    public long[] BandKeys { get; init; } = [];
}

/// <summary>Where an item goes: a new story, or an existing one with the reason.</summary>
public sealed record StoryAssignment
{
    /// <summary>Null: start a new story.</summary>
    public long? StoryId { get; init; }
    /// <summary>The item it matched, the similarity and kind ("near-duplicate", "contained", ...).</summary>
    public long? MatchedItemId { get; init; }
    public double Similarity { get; init; }
    public string? MatchKind { get; init; }
    /// <summary>Only in <see cref="IItemBatchStore.SaveItemsAsync"/>: the item matched the item at this index of the same
    /// batch (saved before it in the same transaction), and joins its story; <see cref="StoryId"/> and
    /// <see cref="MatchedItemId"/> are taken from that item once saved.</summary>
    public int? JoinsBatchItem { get; init; }
    /// <summary>Tags of the item (merged into the story's tags).</summary>
    public IReadOnlyList<TagRecord> Tags { get; init; } = [];
}

public sealed record TagRecord(string Kind, string Name, string? Entry, IReadOnlyList<string> Matched, double Score);

/// <summary>An exact duplicate found before fingerprinting.</summary>
public sealed record ExistingItem(long ItemId, long StoryId, string SourceId, string? Guid, string? Link, string ContentHash, string Title);

/// <summary>A stored item that may be a near duplicate of a new one.</summary>
public sealed record CandidateItem(long ItemId, long StoryId, string SourceId, string Title, string Text, string ContentHash, uint[] Signature, int ShingleCount, DateTimeOffset Published)
{
    private DedupCandidate? _signatureCandidate;

    /// <summary>
    /// This row as the judge's candidate by signature (no texts), made once per row: the rows of recent items are
    /// remembered and come back lookup after lookup (a hundred per article at 1M stored), and making two objects per
    /// row per lookup was a fifth of ingest's allocation. Two threads may both make it; either result is the same.
    /// </summary>
    internal DedupCandidate SignatureCandidate => _signatureCandidate ??=
        new(ItemId, StoryId, "", "", new Fingerprint(ContentHash, Signature, ShingleCount, []));

    // A copy made by `with` (other columns, perhaps) makes its own candidate: the cache is not copied.
    private CandidateItem(CandidateItem original)
    {
        (ItemId, StoryId, SourceId, Title, Text) = (original.ItemId, original.StoryId, original.SourceId, original.Title, original.Text);
        (ContentHash, Signature, ShingleCount, Published) = (original.ContentHash, original.Signature, original.ShingleCount, original.Published);
    }

    // Equal rows are equal whether or not their candidate was made: the cache is not part of the value. (The signature
    // compares by reference, as the record's own equality compared it.)
    public bool Equals(CandidateItem? other) =>
        other is not null && ItemId == other.ItemId && StoryId == other.StoryId && SourceId == other.SourceId && Title == other.Title
        && Text == other.Text && ContentHash == other.ContentHash && ReferenceEquals(Signature, other.Signature)
        && ShingleCount == other.ShingleCount && Published == other.Published;

    public override int GetHashCode() =>
        HashCode.Combine(ItemId, StoryId, SourceId, Title, Text, ContentHash, Signature, HashCode.Combine(ShingleCount, Published));
}

public sealed record StoryItemRecord
{
    public required long ItemId { get; init; }
    public required string SourceId { get; init; }
    public required string SourceName { get; init; }
    public bool SourcePrimary { get; init; }
    public string? Guid { get; init; }
    public string? Link { get; init; }
    public required string Title { get; init; }
    public string Text { get; init; } = "";
    public string? Html { get; init; }
    public DateTimeOffset Published { get; init; }
    public DateTimeOffset FetchedAt { get; init; }
    public long? MatchedItemId { get; init; }
    public double Similarity { get; init; }
    public string? MatchKind { get; init; }
}

public sealed record StoryRecord
{
    public required long Id { get; init; }
    public required DateTimeOffset FirstSeen { get; init; }
    public required DateTimeOffset LastUpdated { get; init; }
    /// <summary>The representative item (primary publisher first, else the earliest).</summary>
    public required long RepresentativeItemId { get; init; }
    public required IReadOnlyList<StoryItemRecord> Items { get; init; }
    public required IReadOnlyList<TagRecord> Tags { get; init; }
}

public sealed record SubscriberRecord
{
    public long Id { get; init; }
    public required string Email { get; init; }
    public string Name { get; init; } = "";
    public string Language { get; init; } = "ar";
    public string TimeZone { get; init; } = "UTC";
    public string Frequency { get; init; } = "daily 08:00";
    public IReadOnlyList<string> Topics { get; init; } = [];
    public IReadOnlyList<string> WatchLists { get; init; } = [];
    public IReadOnlyList<string> MutedSources { get; init; } = [];
    public int MinSources { get; init; } = 1;
    public bool Active { get; init; } = true;
    /// <summary>End of the window of the last composed digest (null: never).</summary>
    public DateTimeOffset? LastDigestAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public enum OutboxState { Pending, Sending, Sent, Failed }

public sealed record OutboxMessage
{
    public long Id { get; init; }
    /// <summary>Idempotency key: subscriber + window; the same key is never composed twice.</summary>
    public required string Key { get; init; }
    public required long SubscriberId { get; init; }
    public required string Recipient { get; init; }
    /// <summary>Deterministic per delivery: a resend after a crash carries the same Message-ID.</summary>
    public required string MessageId { get; init; }
    public required string Subject { get; init; }
    /// <summary>The complete RFC 5322 message, as sent.</summary>
    public required byte[] Mime { get; init; }
    public OutboxState State { get; init; } = OutboxState.Pending;
    public int Attempts { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? LastError { get; init; }
}
