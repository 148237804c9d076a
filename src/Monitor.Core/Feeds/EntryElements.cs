using System.Xml;
using static Monitor.Core.Feeds.FeedNamespaces;

namespace Monitor.Core.Feeds;

/// <summary>
/// One element inside an item/entry, whatever the dialect: RSS core, Atom, Dublin Core, content:encoded, Media RSS,
/// XHTML body. The first value of a field wins; later alternatives only fill what is still empty.
/// Every branch consumes the whole element.
/// </summary>
internal static class EntryElements
{
    public static void Read(XmlReader r, RawEntry e, bool atom, string rootNs)
    {
        var name = r.LocalName;
        var ns = r.NamespaceURI;
        if (IsCore(ns) || ns == rootNs) { ReadCore(r, e, atom, name); return; }
        if (IsDc(ns)) { ReadDublinCore(r, e, name); return; }
        if (ns == Content && name == "encoded") { SetContent(e, XmlContent.Read(r, out _)); return; }
        if (ns == Xhtml && name == "body") { SetContent(e, XmlContent.Read(r, out _)); return; }
        if (IsMedia(ns)) { ReadMedia(r, e, name); return; }
        r.Skip();
    }

    private static void ReadCore(XmlReader r, RawEntry e, bool atom, string name)
    {
        switch (name)
        {
            case "title" when e.Title is null:
                e.Title = FeedXmlWalker.ReadTyped(r, atom, out e.TitleIsHtml);
                return;
            case "link":
                ReadLink(r, e);
                return;
            case "guid":
                {
                    var permalink = r.GetAttribute("isPermaLink");
                    var text = XmlContent.Read(r, out _).Trim();
                    if (e.Id is null && text.Length > 0)
                    {
                        e.Id = text;
                        e.GuidText = text;
                        e.GuidIsPermaLink = permalink is null || !permalink.Trim().Equals("false", StringComparison.OrdinalIgnoreCase);
                    }
                    return;
                }
            case "id":
                {
                    var idBase = XmlContent.BaseOf(r, e.Base);
                    var text = XmlContent.Read(r, out _).Trim();
                    if (e.Id is null && text.Length > 0) e.Id = ResolveId(text, idBase);
                    return;
                }
            case "description" when e.Summary is null:
                e.Summary = XmlContent.Read(r, out _);
                return;
            case "summary" when e.Summary is null:
                e.Summary = AsHtml(r, atom);
                return;
            case "content":
                if (r.GetAttribute("src") is not null) { r.Skip(); return; }
                SetContent(e, AsHtml(r, atom));
                return;
            // Atom's own names win over older ones and repeated elements overwrite (as feedparser does).
            case "published":
                e.Published = XmlContent.Read(r, out _).Trim();
                return;
            case "pubDate" or "issued" or "created" when e.Published is null:
                e.Published = XmlContent.Read(r, out _).Trim();
                return;
            case "updated" or "modified":
                e.Updated = XmlContent.Read(r, out _).Trim();
                return;
            case "author" when e.Author is null:
                e.Author = ReadPerson(r);
                return;
            case "category":
                {
                    var term = r.GetAttribute("term");
                    var text = XmlContent.Read(r, out _).Trim();
                    var value = string.IsNullOrWhiteSpace(term) ? text : term.Trim();
                    if (value.Length > 0) e.Categories.Add(value);
                    return;
                }
            case "enclosure":
                AddEnclosure(r, e, r.GetAttribute("url"), r.GetAttribute("type"), r.GetAttribute("length"));
                return;
        }
        r.Skip();
    }

    private static void ReadLink(XmlReader r, RawEntry e)
    {
        var href = r.GetAttribute("href");
        var rel = r.GetAttribute("rel") ?? "alternate";
        if (href is null)
        {
            // RSS <link>text</link>, or an Atom 0.3 link written as text: only an alternate one is the entry's link.
            var text = XmlContent.Read(r, out _).Trim();
            if (rel == "alternate" && text.Length > 0 && e.Link is null) e.Link = text;
            return;
        }
        var linkBase = XmlContent.BaseOf(r, e.Base);
        var resolved = Links.Resolve(href, linkBase)?.ToString() ?? href.Trim();
        if (rel == "enclosure") AddEnclosure(r, e, resolved, r.GetAttribute("type"), r.GetAttribute("length"));
        else
        {
            if (rel == "alternate" && e.Link is null && resolved.Length > 0) e.Link = resolved;
            r.Skip();
        }
    }

    private static void ReadDublinCore(XmlReader r, RawEntry e, string name)
    {
        switch (name)
        {
            case "date" or "issued" or "created" when e.Published is null:
                e.Published = XmlContent.Read(r, out _).Trim();
                return;
            case "modified" when e.Updated is null:
                e.Updated = XmlContent.Read(r, out _).Trim();
                return;
            case "creator" or "contributor" when e.Author is null:
                e.Author = XmlContent.Read(r, out _).Trim();
                return;
            case "title" when e.Title is null:
                e.Title = XmlContent.Read(r, out _);
                e.TitleIsHtml = true;
                return;
            case "subject":
                var s = XmlContent.Read(r, out _).Trim();
                if (s.Length > 0) e.Categories.Add(s);
                return;
            case "description" when e.Summary is null:
                e.Summary = XmlContent.Read(r, out _);
                return;
            case "identifier" when e.Id is null:
                e.Id = XmlContent.Read(r, out _).Trim();
                return;
        }
        r.Skip();
    }

    private static void ReadMedia(XmlReader r, RawEntry e, string name)
    {
        switch (name)
        {
            case "group":
                if (r.IsEmptyElement) { r.Read(); return; }
                var depth = r.Depth;
                r.Read();
                while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
                {
                    if (r.NodeType == XmlNodeType.Element && IsMedia(r.NamespaceURI)) ReadMedia(r, e, r.LocalName);
                    else if (r.NodeType == XmlNodeType.Element) r.Skip();
                    else r.Read();
                }
                if (!r.EOF) r.Read();
                return;
            case "content":
                AddEnclosure(r, e, r.GetAttribute("url"), r.GetAttribute("type"), r.GetAttribute("fileSize"));
                return;
            case "title" when e.MediaTitle is null:
                e.MediaTitle = FeedXmlWalker.ReadTyped(r, atom: true, out _);
                return;
            case "description" when e.Summary is null:
                e.Summary = AsHtml(r, atom: true);
                return;
        }
        r.Skip();
    }

    /// <summary>Summary/content as HTML: plain-text values are escaped so that everything downstream is markup.</summary>
    private static string AsHtml(XmlReader r, bool atom)
    {
        var value = FeedXmlWalker.ReadTyped(r, atom, out var isHtml);
        return isHtml ? value : XmlContent.Escape(value);
    }

    /// <summary>An Atom id is an IRI: a relative one is resolved against xml:base (RFC 4287 §4.2.6 requires absolute).</summary>
    private static string ResolveId(string id, Uri? idBase)
    {
        if (idBase is null || id.Contains(':')) return id;
        return Links.Resolve(id, idBase)?.ToString() ?? id;
    }

    private static void SetContent(RawEntry e, string html)
    {
        if (string.IsNullOrWhiteSpace(e.Content)) e.Content = html;
    }

    private static string? ReadPerson(XmlReader r)
    {
        if (r.IsEmptyElement) { r.Read(); return null; }
        var depth = r.Depth;
        string? name = null, email = null;
        var text = new System.Text.StringBuilder();
        r.Read();
        while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            if (r.NodeType == XmlNodeType.Element)
            {
                if (r.LocalName == "name") name = XmlContent.Read(r, out _).Trim();
                else if (r.LocalName == "email") email = XmlContent.Read(r, out _).Trim();
                else r.Skip();
                continue;
            }
            if (r.NodeType is XmlNodeType.Text or XmlNodeType.CDATA) text.Append(r.Value);
            r.Read();
        }
        if (!r.EOF) r.Read();
        var result = name ?? email ?? text.ToString().Trim();
        return result.Length == 0 ? null : result;
    }

    private static void AddEnclosure(XmlReader r, RawEntry e, string? url, string? type, string? length)
    {
        r.Skip();
        if (string.IsNullOrWhiteSpace(url)) return;
        var resolved = Links.Resolve(url, e.Base)?.ToString() ?? url.Trim();
        long? len = long.TryParse(length?.Trim(), out var l) && l >= 0 ? l : null;
        if (e.Enclosures.Exists(x => x.Url == resolved)) return;
        e.Enclosures.Add(new FeedEnclosure(resolved, string.IsNullOrWhiteSpace(type) ? null : type.Trim(), len));
    }
}
