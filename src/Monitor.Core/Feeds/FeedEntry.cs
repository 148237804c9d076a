namespace Monitor.Core.Feeds;

/// <summary>One entry as a source published it. Text fields are clean text; <see cref="Html"/> is sanitised.</summary>
public sealed record FeedEntry
{
    /// <summary>The guid / Atom id as written, or null.</summary>
    public string? Id { get; init; }
    /// <summary>Absolute, canonicalised link, or null.</summary>
    public string? Link { get; init; }
    public string? Title { get; init; }
    /// <summary>Clean text of the content (or the summary when there is no content), paragraphs kept as line breaks.</summary>
    public string Text { get; init; } = "";
    /// <summary>Sanitised HTML of the content, safe to embed in an email or a page.</summary>
    public string? Html { get; init; }
    public string? Author { get; init; }
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Updated { get; init; }
    /// <summary>True when no date could be read and the fetch time stands in for it.</summary>
    public bool DateIsFallback { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<FeedEnclosure> Enclosures { get; init; } = [];
}

public sealed record FeedEnclosure(string Url, string? MediaType, long? Length);
