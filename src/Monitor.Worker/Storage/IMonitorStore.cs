namespace Monitor.Worker.Storage;

/// <summary>
/// Everything the service keeps. One interface per concern; SQLite (default) and PostgreSQL implement all of them,
/// and one contract test suite runs against both. SQL lives only behind these interfaces.
/// </summary>
public interface IMonitorStore : ISourceStore, IItemStore, ISubscriberStore, IOutboxStore
{
    /// <summary>Creates or upgrades the schema (ordered migrations, never dropping data).</summary>
    Task MigrateAsync(CancellationToken ct);
    /// <summary>A cheap round trip, for /readyz.</summary>
    Task<bool> PingAsync(CancellationToken ct);
}

public interface ISourceStore
{
    /// <summary>Adds or updates sources by id, keeping their fetch state. Sources not listed are left alone.</summary>
    Task UpsertSourcesAsync(IReadOnlyList<SourceRecord> sources, CancellationToken ct);
    Task<IReadOnlyList<SourceRecord>> ListSourcesAsync(CancellationToken ct);
    Task<SourceRecord?> GetSourceAsync(string id, CancellationToken ct);
    Task<bool> RemoveSourceAsync(string id, CancellationToken ct);
    /// <summary>Records a poll's outcome: state on the row (failures counted, error kept), never an exception to the loop.</summary>
    Task RecordFetchAsync(string sourceId, FetchRecord fetch, CancellationToken ct);
}

public interface IItemStore
{
    /// <summary>Exact duplicate by (source, guid), canonical link, or content hash — in that order.</summary>
    Task<ExistingItem?> FindExactAsync(string sourceId, string? guid, string? link, string contentHash, CancellationToken ct);
    /// <summary>Items sharing at least one band key, published at or after <paramref name="notBefore"/>.</summary>
    Task<IReadOnlyList<CandidateItem>> FindCandidatesAsync(IReadOnlyList<long> bandKeys, DateTimeOffset notBefore, CancellationToken ct);
    /// <summary>The same candidates as <see cref="FindCandidatesAsync"/> without their texts (Title and Text empty): the
    /// signatures are enough to shortlist, and only the shortlist's texts are then read (<see cref="GetItemTextsAsync"/>).
    /// At most <see cref="CandidateCap"/> + <paramref name="extra"/>, the newest first.</summary>
    Task<IReadOnlyList<CandidateItem>> FindCandidateSignaturesAsync(IReadOnlyList<long> bandKeys, DateTimeOffset notBefore, CancellationToken ct,
        int extra = 0);

    /// <summary>At most this many candidates per lookup, the most recent first: a very common band key cannot turn
    /// one lookup into a scan of the window.</summary>
    const int CandidateCap = 200;
    /// <summary>Title and text of the given items (ids not found are absent from the result).</summary>
    Task<IReadOnlyDictionary<long, (string Title, string Text)>> GetItemTextsAsync(IReadOnlyList<long> itemIds, CancellationToken ct);
    /// <summary>Stores the item, its band keys and tags, and creates or joins the story — one transaction. Returns (itemId, storyId).</summary>
    Task<(long ItemId, long StoryId)> SaveItemAsync(NewItem item, StoryAssignment assignment, CancellationToken ct);
    /// <summary>An entry edited at the source (same identity, new title/text): replace its text and tags.</summary>
    Task UpdateItemAsync(long itemId, NewItem item, IReadOnlyList<TagRecord> tags, CancellationToken ct);
    Task<StoryRecord?> GetStoryAsync(long storyId, CancellationToken ct);
    /// <summary>Stories with activity at or after <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<StoryRecord>> ListStoriesAsync(DateTimeOffset? since, int limit, CancellationToken ct);
    /// <summary>Replaces the tags of a story (re-tagging after a rule change).</summary>
    Task ReplaceStoryTagsAsync(long storyId, IReadOnlyList<TagRecord> tags, CancellationToken ct);
    Task<long> CountItemsAsync(CancellationToken ct);
}

public interface ISubscriberStore
{
    /// <summary>Adds or updates by email (case-insensitive). Keeps LastDigestAt and Active of existing rows.</summary>
    Task<SubscriberRecord> UpsertSubscriberAsync(SubscriberRecord subscriber, CancellationToken ct);
    Task<IReadOnlyList<SubscriberRecord>> ListSubscribersAsync(CancellationToken ct);
    Task<SubscriberRecord?> GetSubscriberAsync(string email, CancellationToken ct);
    Task<bool> RemoveSubscriberAsync(string email, CancellationToken ct);
    Task<bool> SetSubscriberActiveAsync(string email, bool active, CancellationToken ct);
    /// <summary>Moves the subscriber's LastDigestAt when a due digest had nothing to send (no email for an empty window).</summary>
    Task SetLastDigestAtAsync(long subscriberId, DateTimeOffset at, CancellationToken ct);
    /// <summary>Stories with activity after <paramref name="since"/> (all, when null) not yet delivered to this subscriber,
    /// as a digest shows them: every item with its source, title and link, but only the representative's text (the
    /// others' empty) and no HTML (<see cref="IItemStore.GetStoryAsync"/> gives whole items).</summary>
    Task<IReadOnlyList<StoryRecord>> GetUndeliveredStoriesAsync(long subscriberId, DateTimeOffset? since, CancellationToken ct);
}

public interface IOutboxStore
{
    /// <summary>
    /// In one transaction: inserts the message (unless its Key exists: returns false), records the stories as delivered
    /// to the subscriber, and moves the subscriber's LastDigestAt to <paramref name="windowEnd"/>.
    /// </summary>
    Task<bool> EnqueueDigestAsync(OutboxMessage message, IReadOnlyList<long> storyIds, DateTimeOffset windowEnd, CancellationToken ct);
    /// <summary>Messages due now, oldest first: Pending with NextAttemptAt reached, or Sending whose lease expired (a crashed sender).</summary>
    Task<IReadOnlyList<OutboxMessage>> GetDueMessagesAsync(DateTimeOffset now, int max, CancellationToken ct);
    /// <summary>Claims a message for sending (Pending → Sending with a lease until <paramref name="leaseUntil"/>); false if another worker has it.</summary>
    Task<bool> TryClaimAsync(long messageId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct);
    Task MarkSentAsync(long messageId, DateTimeOffset at, CancellationToken ct);
    /// <summary>A temporary failure: back to Pending, retried at <paramref name="nextAttemptAt"/>.</summary>
    Task MarkRetryAsync(long messageId, DateTimeOffset nextAttemptAt, string error, CancellationToken ct);
    /// <summary>A permanent failure (5xx, attempts exhausted): kept with the reason.</summary>
    Task MarkFailedAsync(long messageId, string reason, CancellationToken ct);
    /// <summary>Operator's retry: Failed → Pending now.</summary>
    Task<bool> RequeueAsync(long messageId, DateTimeOffset now, CancellationToken ct);
    Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(OutboxState? state, int limit, CancellationToken ct);
}
