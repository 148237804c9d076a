using System.Text;
using System.Text.RegularExpressions;

namespace Monitor.Core.Feeds;

/// <summary>
/// Feeds that use itunes:, dc:, media:, atom: ... without declaring the prefix are common and strictly not
/// namespace-well-formed. After the reader has failed on such a document, this declares every undeclared prefix on
/// the root element (well-known ones with their real namespace) so a second pass can read it. Only broken documents
/// pay for the regular expressions.
/// </summary>
internal static partial class UndeclaredPrefixes
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["itunes"] = "http://www.itunes.com/dtds/podcast-1.0.dtd",
        ["dc"] = FeedNamespaces.Dc,
        ["dcterms"] = FeedNamespaces.DcTerms,
        ["content"] = FeedNamespaces.Content,
        ["media"] = "http://search.yahoo.com/mrss/",
        ["atom"] = FeedNamespaces.Atom10,
        ["rdf"] = FeedNamespaces.Rdf,
        ["xhtml"] = FeedNamespaces.Xhtml,
        ["slash"] = "http://purl.org/rss/1.0/modules/slash/",
        ["wfw"] = "http://wellformedweb.org/CommentAPI/",
        ["georss"] = "http://www.georss.org/georss",
        ["feedburner"] = "http://rssnamespace.org/feedburner/ext/1.0",
        ["sy"] = "http://purl.org/rss/1.0/modules/syndication/",
    };

    [GeneratedRegex(@"</?([A-Za-z_][\w.\-]*):[A-Za-z_]")]
    private static partial Regex ElementPrefix();

    [GeneratedRegex(@"\s([A-Za-z_][\w.\-]*):[A-Za-z_][\w.\-]*\s*=")]
    private static partial Regex AttributePrefix();

    [GeneratedRegex(@"xmlns:([A-Za-z_][\w.\-]*)\s*=")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"<[A-Za-z_][\w.\-:]*")]
    private static partial Regex FirstElement();

    /// <summary>The text with declarations added, or null when nothing was undeclared.</summary>
    public static string? Declare(string text)
    {
        var declared = Declaration().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var used = ElementPrefix().Matches(text).Concat(AttributePrefix().Matches(text)).Select(m => m.Groups[1].Value);
        var missing = used.Where(p => p is not ("xmlns" or "xml") && !declared.Contains(p)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0) return null;
        var root = FirstElement().Match(text);
        if (!root.Success) return null;
        var sb = new StringBuilder(text.Length + missing.Count * 48);
        sb.Append(text, 0, root.Index + root.Length);
        foreach (var prefix in missing)
            sb.Append(" xmlns:").Append(prefix).Append("=\"").Append(Known.GetValueOrDefault(prefix, "urn:x-undeclared:" + prefix)).Append('"');
        sb.Append(text, root.Index + root.Length, text.Length - root.Index - root.Length);
        return sb.ToString();
    }
}
