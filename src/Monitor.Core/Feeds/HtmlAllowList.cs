using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Monitor.Core.Feeds;

/// <summary>
/// Allow-list sanitiser over AngleSharp's DOM (HtmlSanitizer is not installable here). Output is rebuilt from the
/// DOM, never copied from the input, so anything not named below cannot survive: only p, br, a, b, i, strong, em,
/// ul, ol, li, blockquote and h1-h6; the only attribute kept is a[href] with an http, https or mailto URL. Images are
/// dropped (no remote content in emails); scripts, styles, iframes, forms, svg and math go with their content.
/// Unknown elements (div, span, font, table...) are unwrapped: their text stays.
/// </summary>
internal static class HtmlAllowList
{
    private static readonly HashSet<string> Allowed =
        ["p", "br", "a", "b", "i", "strong", "em", "ul", "ol", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"];

    private static readonly HashSet<string> DroppedWithContent =
    [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button",
        "select", "textarea", "option", "svg", "math", "template", "noscript", "head", "title", "meta", "link", "base",
        "img", "picture", "video", "audio", "source", "track", "canvas", "map", "area", "param",
    ];

    private static readonly HashSet<string> BlockUnwrapped = ["div", "section", "article", "tr", "table", "pre", "figure", "header", "footer", "dl", "dd", "dt", "hr"];

    [ThreadStatic] private static HtmlParser? t_parser;
    [ThreadStatic] private static IElement? t_context;

    public static string Sanitize(string html, Uri? baseUri)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        // Plain text needs no DOM: escaping it is the whole job.
        if (html.AsSpan().IndexOfAny('<', '&') < 0) return XmlContent.Escape(html.Trim());
        var parser = t_parser ??= new HtmlParser(new HtmlParserOptions { IsScripting = false });
        var context = t_context ??= parser.ParseDocument("").Body!;
        var nodes = parser.ParseFragment(html, context);
        var sb = new StringBuilder(html.Length);
        foreach (var node in nodes) Write(node, sb, baseUri);
        return sb.ToString().Trim();
    }

    private static void Write(INode node, StringBuilder sb, Uri? baseUri)
    {
        switch (node)
        {
            case IText text:
                XmlContent.Escape(sb, text.Data);
                return;
            case IElement el:
                WriteElement(el, sb, baseUri);
                return;
        }
    }

    private static void WriteElement(IElement el, StringBuilder sb, Uri? baseUri)
    {
        var name = el.LocalName;
        if (el.NamespaceUri is { } ns && ns != "http://www.w3.org/1999/xhtml") return; // svg, math and their children
        if (DroppedWithContent.Contains(name)) return;
        if (!Allowed.Contains(name))
        {
            WriteChildren(el, sb, baseUri);
            if (BlockUnwrapped.Contains(name)) sb.Append("<br>");
            return;
        }
        if (name == "br") { sb.Append("<br>"); return; }
        if (name == "a")
        {
            var href = SafeHref(el.GetAttribute("href"), baseUri);
            if (href is null) { WriteChildren(el, sb, baseUri); return; }
            sb.Append("<a href=\"");
            XmlContent.Escape(sb, href);
            sb.Append("\" rel=\"noopener noreferrer\">");
            WriteChildren(el, sb, baseUri);
            sb.Append("</a>");
            return;
        }
        sb.Append('<').Append(name).Append('>');
        WriteChildren(el, sb, baseUri);
        sb.Append("</").Append(name).Append('>');
    }

    private static void WriteChildren(IElement el, StringBuilder sb, Uri? baseUri)
    {
        foreach (var child in el.ChildNodes) Write(child, sb, baseUri);
    }

    /// <summary>An absolute http, https or mailto URL, or null. Everything else (javascript:, data:, vbscript:, relative without a base) is refused.</summary>
    internal static string? SafeHref(string? href, Uri? baseUri)
    {
        if (string.IsNullOrWhiteSpace(href)) return null;
        var uri = Links.Resolve(href, baseUri);
        if (uri is null) return null;
        return uri.Scheme is "http" or "https" or "mailto" ? uri.AbsoluteUri : null;
    }
}
