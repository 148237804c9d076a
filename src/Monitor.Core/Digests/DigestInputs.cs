namespace Monitor.Core.Digests;

/// <summary>
/// Who a digest is for and what they asked for. Topics and WatchLists empty means "everything";
/// MutedSources hold source ids; MinSources counts the sources left after muting.
/// </summary>
public sealed record DigestSubscriber(
    string Email,
    string Name,
    string Language,
    TimeZoneInfo TimeZone,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> WatchLists,
    IReadOnlyList<string> MutedSources,
    int MinSources)
{
    public bool WantsEverything => Topics.Count == 0 && WatchLists.Count == 0;
}

/// <summary>A story as the store hands it to the composer: its best title and text, and every source that carried it.</summary>
public sealed record DigestStory(
    long StoryId,
    string Title,
    string Text,
    string? Link,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastUpdated,
    DigestSource FirstSource,
    IReadOnlyList<DigestSource> Sources,
    IReadOnlyList<DigestTag> Tags);

/// <summary>One source's copy of a story. Primary marks the publisher the statement comes from (e.g. the coalition's own site).</summary>
public sealed record DigestSource(string SourceId, string SourceName, string? Link, DateTimeOffset Published, bool Primary);

/// <summary>A topic or watch-list hit on a story. For a watch tag, Id/Name name the watch list; Matched holds the terms found.</summary>
public sealed record DigestTag(string Kind, string Id, string Name, IReadOnlyList<string> Matched)
{
    public const string TopicKind = "topic";
    public const string WatchKind = "watch";

    public bool IsTopic => string.Equals(Kind, TopicKind, StringComparison.OrdinalIgnoreCase);
    public bool IsWatch => string.Equals(Kind, WatchKind, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a subscriber's selection string names this tag by id or by name (case-insensitive).</summary>
    public bool IsNamedBy(string selection) =>
        string.Equals(Id, selection, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Name, selection, StringComparison.OrdinalIgnoreCase);
}
