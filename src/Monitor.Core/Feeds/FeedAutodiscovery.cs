using AngleSharp.Html.Parser;

namespace Monitor.Core.Feeds;

/// <summary>Finds the feeds an HTML page announces with &lt;link rel="alternate" type="application/rss+xml|atom+xml|rdf+xml"&gt;.</summary>
public static class FeedAutodiscovery
{
    private static readonly string[] FeedTypes = ["application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json"];

    /// <summary>Absolute feed URLs in document order, duplicates removed; resolved against &lt;base href&gt; and then the page.</summary>
    public static IReadOnlyList<Uri> FindFeeds(byte[] html, string? contentType, Uri pageUri)
    {
        ArgumentNullException.ThrowIfNull(pageUri);
        if (html is null || html.Length == 0) return [];
        var text = FeedEncoding.Decode(html, contentType).Text;
        var doc = new HtmlParser().ParseDocument(text);
        var baseUri = pageUri;
        if (doc.QuerySelector("base[href]")?.GetAttribute("href") is { } baseHref && Links.Resolve(baseHref, pageUri) is { } b) baseUri = b;

        var found = new List<Uri>();
        foreach (var link in doc.QuerySelectorAll("link[href]"))
        {
            var rel = (link.GetAttribute("rel") ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!rel.Contains("alternate")) continue;
            var type = (link.GetAttribute("type") ?? "").Trim().ToLowerInvariant();
            var semi = type.IndexOf(';');
            if (semi >= 0) type = type[..semi].Trim();
            if (!FeedTypes.Contains(type)) continue;
            if (Links.Resolve(link.GetAttribute("href"), baseUri) is { } uri && uri.Scheme is "http" or "https" && !found.Contains(uri))
                found.Add(uri);
        }
        return found;
    }
}
