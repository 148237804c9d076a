namespace Monitor.Core.Feeds;

/// <summary>Tag handling for <see cref="HtmlText.ToText"/>: which tags break lines and which hide their content.</summary>
internal static class HtmlTags
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "table",
        "section", "article", "header", "footer", "hr", "dd", "dt", "dl", "figure", "figcaption", "address", "aside",
        "nav", "main", "tbody", "thead", "form", "fieldset", "center",
    };

    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "head", "svg", "math", "noscript", "iframe", "object", "textarea", "select",
    };

    /// <summary>Consumes markup starting at '&lt;' and returns the index after it; text that only looks like a tag is kept.</summary>
    public static int Consume(string s, int at, ref TextWriterState w)
    {
        var next = at + 1 < s.Length ? s[at + 1] : '\0';
        if (next == '!')
        {
            if (string.CompareOrdinal(s, at, "<!--", 0, 4) == 0) return After(s, s.IndexOf("-->", at + 4, StringComparison.Ordinal), 3);
            return After(s, s.IndexOf('>', at), 1);
        }
        if (next == '?') return After(s, s.IndexOf('>', at), 1);
        var closing = next == '/';
        var nameStart = closing ? at + 2 : at + 1;
        if (nameStart >= s.Length || !char.IsAsciiLetter(s[nameStart])) { w.Add('<'); return at + 1; }
        var nameEnd = nameStart;
        while (nameEnd < s.Length && (char.IsAsciiLetterOrDigit(s[nameEnd]) || s[nameEnd] is '-' or ':')) nameEnd++;
        var end = HtmlAllowList.TagEnd(s, nameEnd);
        var name = s.Substring(nameStart, nameEnd - nameStart);
        if (Blocks.Contains(name)) w.Break();
        else if (name.Equals("td", StringComparison.OrdinalIgnoreCase) || name.Equals("th", StringComparison.OrdinalIgnoreCase)) w.Add(' ');
        if (!closing && Hidden.Contains(name) && s[end - 1] != '/')
        {
            var close = HtmlAllowList.IndexOfClosing(s, end, name);
            return close < 0 ? s.Length : After(s, s.IndexOf('>', close), 1);
        }
        return end;
    }

    private static int After(string s, int index, int length) => index < 0 ? s.Length : index + length;
}
