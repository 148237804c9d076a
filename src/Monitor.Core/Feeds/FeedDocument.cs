namespace Monitor.Core.Feeds;

/// <summary>What a feed (or an HTML page read as a feed) says, in one model whatever the wire format.</summary>
public sealed record FeedDocument(
    FeedFormat Format,
    string? Title,
    string? Link,
    string? Description,
    string? Language,
    TimeSpan? Ttl,
    IReadOnlyList<FeedEntry> Entries,
    IReadOnlyList<string> Warnings)
{
    /// <summary>True when the XML had to be repaired or was cut short (feedparser's "bozo").</summary>
    public bool IsMalformed { get; init; }
}

public enum FeedFormat { Unknown, Rss090, Rss091, Rss092, Rss20, Rss10, Atom03, Atom10, Html }
