using System.Xml;
using static Monitor.Core.Feeds.FeedNamespaces;

namespace Monitor.Core.Feeds;

/// <summary>
/// Walks the document once, top to bottom, collecting the feed and its entries into a <see cref="RawFeed"/>.
/// Entries are added as each one completes, so when the XML breaks off part-way the caller keeps everything read so far
/// (and <see cref="Pending"/> holds the entry that was being read).
/// </summary>
internal sealed class FeedXmlWalker(RawFeed feed, int maxEntries)
{
    public RawEntry? Pending { get; private set; }
    public int DroppedEntries { get; private set; }
    private string _rootNs = "";

    /// <summary>Returns false when the root element is not a feed.</summary>
    public bool Walk(XmlReader r)
    {
        if (!r.ReadToFirstElement()) return false;
        feed.Base = XmlContent.BaseOf(r, feed.Base);
        // A feed in an unknown namespace (<feed xmlns="http://example.com/newformat#">) still uses the core names.
        _rootNs = r.NamespaceURI;
        switch (r.LocalName)
        {
            case "rss":
                feed.Format = RssVersion(r.GetAttribute("version"));
                ReadContainer(r, atom: false);
                return true;
            case "RDF":
                feed.Format = FeedFormat.Rss10;
                ReadContainer(r, atom: false);
                return true;
            case "channel":
                feed.Format = FeedFormat.Rss20;
                ReadContainer(r, atom: false);
                return true;
            case "feed":
                feed.Format = r.NamespaceURI == Atom03 || r.GetAttribute("version") == "0.3" ? FeedFormat.Atom03 : FeedFormat.Atom10;
                feed.Language = r.GetAttribute("lang", XmlContent.XmlNs);
                ReadContainer(r, atom: true);
                return true;
            case "entry":
                feed.Format = r.NamespaceURI == Atom03 ? FeedFormat.Atom03 : FeedFormat.Atom10;
                ReadEntry(r, atom: true);
                return true;
            default:
                return false;
        }
    }

    private static FeedFormat RssVersion(string? v) => v?.Trim() switch
    {
        "0.90" or "0.9" => FeedFormat.Rss090,
        "0.91" => FeedFormat.Rss091,
        "0.92" or "0.93" or "0.94" => FeedFormat.Rss092,
        _ => FeedFormat.Rss20,
    };

    /// <summary>Children of rss, rdf:RDF, channel or feed: feed-level fields, nested channel, entries.</summary>
    private void ReadContainer(XmlReader r, bool atom)
    {
        if (r.IsEmptyElement) { r.Read(); return; }
        var depth = r.Depth;
        r.Read();
        while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            if (r.NodeType != XmlNodeType.Element) { r.Read(); continue; }
            var name = r.LocalName;
            var ns = r.NamespaceURI;
            if (IsCore(ns) || ns == _rootNs)
            {
                if (ns == Rss090) feed.Format = FeedFormat.Rss090;
                switch (name)
                {
                    case "channel": feed.Base = XmlContent.BaseOf(r, feed.Base); ReadContainer(r, atom); continue;
                    case "item" or "entry": ReadEntry(r, atom || name == "entry"); continue;
                    case "title" when feed.Title is null:
                        feed.Title = ReadTyped(r, atom, out feed.TitleIsHtml);
                        continue;
                    case "link":
                        ReadFeedLink(r);
                        continue;
                    case "description" or "subtitle" or "tagline" when feed.Description is null:
                        feed.Description = ReadTyped(r, atom, out _);
                        continue;
                    case "language" when feed.Language is null: feed.Language = XmlContent.Read(r, out _).Trim(); continue;
                    case "ttl": feed.Ttl = XmlContent.Read(r, out _).Trim(); continue;
                }
            }
            else if (IsDc(ns))
            {
                if (name == "title" && feed.Title is null) { feed.Title = XmlContent.Read(r, out _); feed.TitleIsHtml = true; continue; }
                if (name == "language" && feed.Language is null) { feed.Language = XmlContent.Read(r, out _).Trim(); continue; }
            }
            r.Skip();
        }
        if (!r.EOF) r.Read();
    }

    private void ReadFeedLink(XmlReader r)
    {
        var href = r.GetAttribute("href");
        if (href is not null)
        {
            var rel = r.GetAttribute("rel") ?? "alternate";
            if (rel == "alternate" && feed.Link is null) feed.Link = Links.Resolve(href, XmlContent.BaseOf(r, feed.Base))?.ToString() ?? href.Trim();
            r.Skip();
            return;
        }
        var text = XmlContent.Read(r, out _).Trim();
        if (feed.Link is null && text.Length > 0) feed.Link = text;
    }

    private void ReadEntry(XmlReader r, bool atom)
    {
        var e = new RawEntry { Base = XmlContent.BaseOf(r, feed.Base) };
        Pending = e;
        var about = r.GetAttribute("about", Rdf);
        if (r.IsEmptyElement) { r.Read(); Complete(e); return; }
        var depth = r.Depth;
        r.Read();
        while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            if (r.NodeType != XmlNodeType.Element) { r.Read(); continue; }
            EntryElements.Read(r, e, atom, _rootNs);
        }
        if (!r.EOF) r.Read();
        // RSS 1.0 names each item with rdf:about; feedparser reports it as the id.
        if (e.Id is null && !string.IsNullOrWhiteSpace(about)) e.Id = about.Trim();
        Complete(e);
    }

    private void Complete(RawEntry e)
    {
        Pending = null;
        if (feed.Entries.Count >= maxEntries) { DroppedEntries++; return; }
        feed.Entries.Add(e);
    }

    /// <summary>Reads a title-like element, honouring Atom's type/mode; isHtml says whether the value is markup.</summary>
    internal static string ReadTyped(XmlReader r, bool atom, out bool isHtml)
    {
        var type = r.GetAttribute("type");
        var mode = r.GetAttribute("mode");
        var value = XmlContent.Read(r, out var hadElements);
        // Atom 0.3 says mode="base64"; Atom 1.0 says so with a MIME type that is neither text nor XML (RFC 4287 §4.1.3.3).
        if (mode == "base64" || IsBase64MediaType(type)) return DecodeTyped(DecodeBase64(value), type, out isHtml);
        if (hadElements) { isHtml = true; return value; }
        if (type is null) { isHtml = !atom || mode == "escaped"; return value; }
        isHtml = type is "html" or "xhtml" or "text/html" or "application/xhtml+xml" || mode == "escaped";
        return value;
    }

    private static bool IsBase64MediaType(string? type) =>
        type is not null && type.Contains('/') && !type.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        && !type.EndsWith("xml", StringComparison.OrdinalIgnoreCase);

    private static string DecodeTyped(string value, string? type, out bool isHtml)
    {
        isHtml = type is null || type.Contains("html", StringComparison.OrdinalIgnoreCase) || !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase);
        return value;
    }

    private static string DecodeBase64(string value)
    {
        // Text that is not base64 of UTF-8 ("test" under an unknown type) is left as written, as gofeed does.
        try { return new System.Text.UTF8Encoding(false, true).GetString(Convert.FromBase64String(value.Trim())); }
        catch (FormatException) { return value; }
        catch (System.Text.DecoderFallbackException) { return value; }
    }
}

internal static class XmlReaderExtensions
{
    public static bool ReadToFirstElement(this XmlReader r)
    {
        while (r.Read())
            if (r.NodeType == XmlNodeType.Element) return true;
        return false;
    }
}
