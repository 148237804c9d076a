namespace Monitor.Core.Feeds;

/// <summary>What the XML walk collected, still as written: strings, not yet dates, text or canonical links.</summary>
internal sealed class RawFeed
{
    public FeedFormat Format;
    public string? Title;
    public bool TitleIsHtml;
    public string? Link;
    public string? Description;
    public string? Language;
    public string? Ttl;
    public Uri? Base;
    public readonly List<RawEntry> Entries = [];
}

internal sealed class RawEntry
{
    public string? Id;
    public bool? GuidIsPermaLink;
    public string? GuidText;
    public string? Link;
    public string? Title;
    public string? MediaTitle;
    /// <summary>True when the title is HTML (RSS titles, Atom type html/xhtml) rather than plain text.</summary>
    public bool TitleIsHtml;
    public string? Summary;
    public string? Content;
    public string? Author;
    public string? Published;
    public string? Updated;
    public Uri? Base;
    public readonly List<string> Categories = [];
    public readonly List<FeedEnclosure> Enclosures = [];
}
