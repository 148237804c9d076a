using System.Text;

namespace Monitor.Core.Feeds;

/// <summary>
/// Allow-list sanitiser. Output is rebuilt from tokens, never copied from the input, so nothing outside the list can
/// survive whatever the markup's tricks: only p, br, a, b, i, strong, em, ul, ol, li, blockquote and h1-h6 are written,
/// with no attributes except a[href] holding an absolute http, https or mailto URL; all text is entity-decoded and
/// re-escaped; images are dropped (no remote content in emails); script, style, iframe, form, svg, math and the like go
/// with their content; other elements (div, span, font, table...) are unwrapped and keep their text.
/// It streams over the string instead of building AngleSharp's DOM: measured on the corpus, the DOM was 55-70% of all
/// parse time (see docs/feeds-conformance.md), and safety here comes from rebuilding, not from parsing fidelity.
/// Which list a tag is on is read from <see cref="HtmlTagTable"/>.
/// </summary>
internal static class HtmlAllowList
{
    private static readonly System.Buffers.SearchValues<char> Specials = System.Buffers.SearchValues.Create("<>&\"\0");

    public static string Sanitize(string html, Uri? baseUri)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        if (html.AsSpan().IndexOfAny('<', '&') < 0) return XmlContent.Escape(html.Trim());
        var sb = TextBuilders.Rent(html.Length);
        var open = new List<string>();
        var i = 0;
        while (i < html.Length)
        {
            var run = html.AsSpan(i).IndexOfAny(Specials);
            if (run != 0)
            {
                var len = run < 0 ? html.Length - i : run;
                sb.Append(html, i, len);
                i += len;
                continue;
            }
            var c = html[i];
            if (c == '<') { i = Tag(html, i, sb, open, baseUri); continue; }
            if (c == '&') { i = Entity(html, i, sb); continue; }
            AppendEscaped(sb, c);
            i++;
        }
        for (var k = open.Count - 1; k >= 0; k--) sb.Append("</").Append(open[k]).Append('>');
        return TextBuilders.ReturnTrimmed(sb);
    }

    private static int Tag(string s, int at, StringBuilder sb, List<string> open, Uri? baseUri)
    {
        var next = at + 1 < s.Length ? s[at + 1] : '\0';
        if (next == '!')
        {
            var end = string.CompareOrdinal(s, at, "<!--", 0, 4) == 0 ? IndexAfter(s, "-->", at + 4) : IndexAfter(s, ">", at);
            return end;
        }
        if (next == '?') return IndexAfter(s, ">", at);
        var closing = next == '/';
        var nameStart = closing ? at + 2 : at + 1;
        if (nameStart >= s.Length || !char.IsAsciiLetter(s[nameStart])) { sb.Append("&lt;"); return at + 1; }
        var nameEnd = NameEnd(s, nameStart);
        var tagEnd = TagEnd(s, nameEnd);
        var role = HtmlTagTable.Lookup(s.AsSpan(nameStart, nameEnd - nameStart), out var name);

        if ((role & HtmlTagRole.DroppedVoid) != 0) return tagEnd;
        if ((role & HtmlTagRole.DroppedWithContent) != 0)
        {
            if (closing || s[tagEnd - 2] == '/') return tagEnd;
            var close = IndexOfClosing(s, tagEnd, name!);
            return close < 0 ? s.Length : IndexAfter(s, ">", close);
        }
        if ((role & HtmlTagRole.Allowed) == 0)
        {
            if ((role & HtmlTagRole.BlockUnwrapped) != 0 && (closing || name == "hr")) sb.Append("<br>");
            return tagEnd;
        }
        var tag = name!; // every allowed tag is in the table, so it has its lower-case spelling
        if (tag == "br") { sb.Append("<br>"); return tagEnd; }
        if (closing)
        {
            var idx = open.LastIndexOf(tag);
            if (idx < 0) return tagEnd;
            for (var k = open.Count - 1; k >= idx; k--) sb.Append("</").Append(open[k]).Append('>');
            open.RemoveRange(idx, open.Count - idx);
            return tagEnd;
        }
        if (tag == "a")
        {
            var href = HtmlAllowListAttributes.Find(s, nameEnd, tagEnd, "href");
            var safe = href is null ? null : SafeHref(href, baseUri);
            if (safe is null) return tagEnd; // unwrapped: the link text stays, the link goes
            sb.Append("<a href=\"");
            XmlContent.Escape(sb, safe);
            sb.Append("\" rel=\"noopener noreferrer\">");
        }
        else sb.Append('<').Append(tag).Append('>');
        if (s[tagEnd - 2] == '/') sb.Append("</").Append(tag).Append('>');
        else open.Add(tag);
        return tagEnd;
    }

    private static int Entity(string s, int at, StringBuilder sb)
    {
        var next = HtmlText.ReadEntity(s, at, out var symbol, out var codePoint);
        if (symbol is not null)
        {
            foreach (var ch in symbol) AppendEscaped(sb, ch);
        }
        else if (codePoint < 0x10000) AppendEscaped(sb, (char)codePoint);
        else
        {
            // A supplementary character: its surrogates need no escaping.
            Span<char> pair = stackalloc char[2];
            new System.Text.Rune(codePoint).EncodeToUtf16(pair);
            sb.Append(pair);
        }
        return next;
    }

    private static void AppendEscaped(StringBuilder sb, char c)
    {
        switch (c)
        {
            case '<': sb.Append("&lt;"); break;
            case '>': sb.Append("&gt;"); break;
            case '&': sb.Append("&amp;"); break;
            case '"': sb.Append("&quot;"); break;
            case '\0': break;
            default: sb.Append(c); break;
        }
    }

    /// <summary>An absolute http, https or mailto URL, or null. Everything else (javascript:, data:, vbscript:, relative without a base) is refused.</summary>
    internal static string? SafeHref(string href, Uri? baseUri)
    {
        // Browsers ignore ASCII whitespace and control characters inside URLs ("java\tscript:"): so do we, before judging.
        var cleaned = href;
        if (href.AsSpan().IndexOfAnyInRange('\0', ' ') >= 0)
        {
            var sb = new StringBuilder(href.Length);
            foreach (var ch in href) if (ch > ' ') sb.Append(ch);
            cleaned = sb.ToString();
        }
        if (cleaned.Length == 0) return null;
        var uri = Links.Resolve(cleaned, baseUri);
        if (uri is null) return null;
        return uri.Scheme is "http" or "https" or "mailto" ? uri.AbsoluteUri : null;
    }

    private static readonly System.Buffers.SearchValues<char> TagEndChars = System.Buffers.SearchValues.Create("\"'>");

    /// <summary>Index after the '>' that ends a tag, skipping quoted attribute values (the end of the text when there is none).</summary>
    internal static int TagEnd(string s, int from)
    {
        var i = from;
        while (i < s.Length)
        {
            var k = s.AsSpan(i).IndexOfAny(TagEndChars);
            if (k < 0) break;
            i += k;
            if (s[i] == '>') return i + 1;
            var close = s.IndexOf(s[i], i + 1);
            if (close < 0) break;
            i = close + 1;
        }
        return s.Length;
    }

    /// <summary>Index after a tag name that starts at <paramref name="from"/> (letters, digits, '-' and ':').</summary>
    internal static int NameEnd(string s, int from)
    {
        var i = from;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '-' or ':')) i++;
        return i;
    }

    internal static int IndexOfClosing(string s, int from, string name)
    {
        var i = from;
        while (true)
        {
            i = s.IndexOf("</", i, StringComparison.Ordinal);
            if (i < 0) return -1;
            if (string.Compare(s, i + 2, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0) return i;
            i += 2;
        }
    }

    private static int IndexAfter(string s, string what, int from)
    {
        var i = s.IndexOf(what, from, StringComparison.Ordinal);
        return i < 0 ? s.Length : i + what.Length;
    }
}
