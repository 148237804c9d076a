namespace Monitor.Worker.Configuration;

/// <summary>One source the service watches: a feed, or an HTML page read with CSS selectors.</summary>
public sealed class SourceOptions
{
    /// <summary>Stable key, unique, used in logs, commands and the store (e.g. "etilaf").</summary>
    public string Id { get; set; } = "";
    /// <summary>Display name, e.g. "الائتلاف الوطني السوري".</summary>
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    /// <summary>"feed" (default; RSS/Atom/RDF, with autodiscovery from an HTML page) or "html".</summary>
    public string Type { get; set; } = "feed";
    /// <summary>How often to poll. Default 15 minutes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>IANA zone for dates the source writes without one.</summary>
    public string TimeZone { get; set; } = "Asia/Damascus";
    public string Language { get; set; } = "ar";
    /// <summary>The original publisher of statements (e.g. the coalition's own site): outranks republishers in a story.</summary>
    public bool Primary { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>For Type = "html": CSS selectors for the items on the page.</summary>
    public HtmlSelectorOptions? Selectors { get; set; }
}

public sealed class HtmlSelectorOptions
{
    public string Item { get; set; } = "";
    public string Title { get; set; } = "";
    public string Link { get; set; } = "";
    public string? Date { get; set; }
    public string? Summary { get; set; }
}
