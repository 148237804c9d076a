namespace Monitor.Core.Feeds;

/// <summary>What the parser needs to know besides the bytes. Time is passed in: Core reads no clock.</summary>
public sealed record FeedParseOptions
{
    /// <summary>The HTTP Content-Type header, when the bytes came over HTTP (its charset wins per RFC 7303).</summary>
    public string? ContentType { get; init; }
    /// <summary>Where the document came from: relative links resolve against it.</summary>
    public Uri? BaseUri { get; init; }
    /// <summary>Zone for dates written without one.</summary>
    public TimeZoneInfo DefaultZone { get; init; } = TimeZoneInfo.Utc;
    /// <summary>Stands in for entries without a readable date.</summary>
    public DateTimeOffset FetchedAt { get; init; }
    /// <summary>Entries beyond this are dropped with a warning (hostile feeds).</summary>
    public int MaxEntries { get; init; } = 10_000;
}
