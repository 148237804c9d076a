namespace Monitor.Core.Feeds;

/// <summary>Looks at the first bytes to tell an HTML page (which needs autodiscovery or selectors) from a feed.</summary>
public static class FeedSniffer
{
    /// <summary>True when the document starts like HTML (doctype html, &lt;html, &lt;head, &lt;body) rather than an XML feed.</summary>
    public static bool LooksLikeHtml(byte[] content)
    {
        if (content is null || content.Length == 0) return false;
        var text = FeedEncoding.Decode(content.AsSpan(0, Math.Min(content.Length, 2048)), null).Text;
        var i = 0;
        while (true)
        {
            i = text.IndexOf('<', i);
            if (i < 0 || i + 1 >= text.Length) return false;
            var rest = text.AsSpan(i + 1);
            if (rest.StartsWith("?", StringComparison.Ordinal) || rest.StartsWith("!--", StringComparison.Ordinal))
            {
                var end = text.IndexOf('>', i);
                if (end < 0) return false;
                i = end + 1;
                continue;
            }
            return rest.StartsWith("!doctype html", StringComparison.OrdinalIgnoreCase)
                || StartsWithTag(rest, "html") || StartsWithTag(rest, "head") || StartsWithTag(rest, "body")
                || StartsWithTag(rest, "meta") || StartsWithTag(rest, "title");
        }
    }

    /// <summary>True when the document's first element is a feed root (rss, rdf:RDF, feed, channel).</summary>
    public static bool LooksLikeFeed(byte[] content)
    {
        if (content is null || content.Length == 0) return false;
        var text = FeedEncoding.Decode(content.AsSpan(0, Math.Min(content.Length, 4096)), null).Text;
        return text.Contains("<rss", StringComparison.OrdinalIgnoreCase) || text.Contains("<feed", StringComparison.Ordinal)
            || text.Contains(":RDF", StringComparison.Ordinal) || text.Contains("<RDF", StringComparison.Ordinal);
    }

    private static bool StartsWithTag(ReadOnlySpan<char> rest, string tag) =>
        rest.StartsWith(tag, StringComparison.OrdinalIgnoreCase)
        && (rest.Length == tag.Length || rest[tag.Length] is ' ' or '>' or '\t' or '\r' or '\n' or '/');
}
