namespace Monitor.Core.Digests;

/// <summary>What one subscriber gets for one window: groups of stories, most important first. Never empty.
/// <paramref name="OmittedStoryIds"/> are the stories of the window past the digest's size limit (the least important):
/// counted in the message, not listed.</summary>
public sealed record Digest(
    DigestSubscriber Subscriber,
    DateTimeOffset WindowEnd,
    IReadOnlyList<DigestGroup> Groups,
    DigestEntry TopStory,
    int StoryCount,
    int SourceCount,
    IReadOnlyList<long>? OmittedStoryIds = null)
{
    /// <summary>How many stories of the window were left out by the size limit.</summary>
    public int OmittedCount => OmittedStoryIds?.Count ?? 0;

    /// <summary>Every entry in reading order (group by group).</summary>
    public IEnumerable<DigestEntry> Entries => Groups.SelectMany(g => g.Entries);
}

public enum DigestGroupKind
{
    /// <summary>Stories under one topic.</summary>
    Topic,
    /// <summary>Stories the subscriber gets through a watch list only (no wanted topic on them).</summary>
    WatchList,
    /// <summary>The catch-all for a subscriber who wants everything: stories without a topic.</summary>
    Other,
}

/// <summary>A group heading and its stories. Id and Name are the tag's; both are empty for the "other" group.</summary>
public sealed record DigestGroup(DigestGroupKind Kind, string Id, string Name, IReadOnlyList<DigestEntry> Entries);

/// <summary>
/// One story as the subscriber sees it: muted sources already removed from Sources (ordered by first publication),
/// the source its title links to, and the excerpt.
/// </summary>
public sealed record DigestEntry(
    DigestStory Story,
    IReadOnlyList<DigestSource> Sources,
    DigestSource LeadSource,
    string? TitleLink,
    string Excerpt)
{
    /// <summary>The source that carried the story first, among those the subscriber sees.</summary>
    public DigestSource FirstVisibleSource => Sources[0];

    /// <summary>The other sources, for "also reported by".</summary>
    public IEnumerable<DigestSource> AlsoReportedBy => Sources.Where(s => !ReferenceEquals(s, LeadSource));

    public bool HasPrimarySource => Sources.Any(s => s.Primary);
}
