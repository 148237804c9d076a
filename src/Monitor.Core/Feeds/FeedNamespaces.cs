namespace Monitor.Core.Feeds;

internal static class FeedNamespaces
{
    public const string Atom10 = "http://www.w3.org/2005/Atom";
    public const string Atom03 = "http://purl.org/atom/ns#";
    public const string Rss10 = "http://purl.org/rss/1.0/";
    public const string Rss090 = "http://my.netscape.com/rdf/simple/0.9/";
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Dc = "http://purl.org/dc/elements/1.1/";
    public const string DcTerms = "http://purl.org/dc/terms/";
    public const string Content = "http://purl.org/rss/1.0/modules/content/";
    public const string Xhtml = "http://www.w3.org/1999/xhtml";

    /// <summary>Namespaces whose elements carry the core vocabulary (title, link, item...).</summary>
    public static bool IsCore(string ns) =>
        ns.Length == 0 || ns is Atom10 or Atom03 or Rss10 or Rss090
        || ns.StartsWith("http://backend.userland.com/rss", StringComparison.Ordinal)
        || ns.StartsWith("http://purl.org/net/rss", StringComparison.Ordinal);

    public static bool IsMedia(string ns) => ns.StartsWith("http://search.yahoo.com/mrss", StringComparison.Ordinal);
    public static bool IsDc(string ns) => ns is Dc or DcTerms;
}
