using System.Text;
using System.Xml;

namespace Monitor.Core.Feeds;

/// <summary>Reading element content off a streaming <see cref="XmlReader"/> without building a DOM.</summary>
internal static class XmlContent
{
    public const string XmlNs = "http://www.w3.org/XML/1998/namespace";

    [ThreadStatic] private static StringBuilder? t_buffer;

    /// <summary>
    /// Reads the current element's content and leaves the reader on the node after its end tag. Text-only content is
    /// returned decoded (so an RSS description's escaped HTML comes back as HTML); when child elements appear (Atom
    /// xhtml, unescaped HTML in RSS) the content is serialised back to markup with its text escaped.
    /// </summary>
    public static string Read(XmlReader r, out bool hadElements)
    {
        hadElements = false;
        if (r.IsEmptyElement) { r.Read(); return ""; }
        var depth = r.Depth;
        r.Read();
        // Fast path: a single text node and the end tag.
        if (r.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
        {
            var first = r.Value;
            r.Read();
            if (r.NodeType == XmlNodeType.EndElement && r.Depth == depth) { r.Read(); return first; }
            var sbFirst = Rent();
            sbFirst.Append(first);
            return ReadRest(r, depth, sbFirst, ref hadElements);
        }
        return ReadRest(r, depth, Rent(), ref hadElements);
    }

    private static StringBuilder Rent()
    {
        var sb = t_buffer ??= new StringBuilder(1024);
        sb.Clear();
        return sb;
    }

    private static string ReadRest(XmlReader r, int depth, StringBuilder sb, ref bool hadElements)
    {
        while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            switch (r.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (hadElements) Escape(sb, r.Value); else sb.Append(r.Value);
                    break;
                case XmlNodeType.Element:
                    if (!hadElements)
                    {
                        var before = sb.ToString();
                        sb.Clear();
                        Escape(sb, before);
                        hadElements = true;
                    }
                    WriteStartTag(r, sb);
                    break;
                case XmlNodeType.EndElement:
                    sb.Append("</").Append(r.LocalName).Append('>');
                    break;
            }
            r.Read();
        }
        if (!r.EOF) r.Read();
        return sb.ToString();
    }

    private static void WriteStartTag(XmlReader r, StringBuilder sb)
    {
        var name = r.LocalName;
        var empty = r.IsEmptyElement;
        sb.Append('<').Append(name);
        if (r.MoveToFirstAttribute())
        {
            do
            {
                if (r.Prefix == "xmlns" || r.LocalName == "xmlns" && r.Prefix.Length == 0) continue;
                sb.Append(' ').Append(r.LocalName).Append("=\"");
                Escape(sb, r.Value);
                sb.Append('"');
            } while (r.MoveToNextAttribute());
            r.MoveToElement();
        }
        sb.Append(empty ? (IsVoid(name) ? " />" : "></" + name + ">") : ">");
    }

    private static bool IsVoid(string name) => name is "br" or "img" or "hr" or "input" or "meta" or "link" or "source" or "wbr";

    private static readonly System.Buffers.SearchValues<char> EscapeChars = System.Buffers.SearchValues.Create("<>&\"");

    public static void Escape(StringBuilder sb, string text)
    {
        var rest = text.AsSpan();
        while (true)
        {
            // Runs without a character to escape are copied whole.
            var at = rest.IndexOfAny(EscapeChars);
            if (at < 0) { sb.Append(rest); return; }
            sb.Append(rest[..at]);
            sb.Append(rest[at] switch { '<' => "&lt;", '>' => "&gt;", '&' => "&amp;", _ => "&quot;" });
            rest = rest[(at + 1)..];
        }
    }

    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny(EscapeChars) < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        Escape(sb, text);
        return sb.ToString();
    }

    /// <summary>The element's base: its xml:base resolved against the parent's base.</summary>
    public static Uri? BaseOf(XmlReader r, Uri? parent)
    {
        var b = r.GetAttribute("base", XmlNs);
        if (string.IsNullOrWhiteSpace(b)) return parent;
        return Links.Resolve(b.Trim(), parent) is { } u ? u : parent;
    }
}
