namespace Monitor.Core.Feeds;

/// <summary>Tag handling for <see cref="HtmlText.ToText"/>: which tags break lines and which hide their content (see <see cref="HtmlTagTable"/>).</summary>
internal static class HtmlTags
{
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
        var nameEnd = HtmlAllowList.NameEnd(s, nameStart);
        var end = HtmlAllowList.TagEnd(s, nameEnd);
        var role = HtmlTagTable.Lookup(s.AsSpan(nameStart, nameEnd - nameStart), out var name);
        if ((role & HtmlTagRole.TextBreak) != 0) w.Break();
        else if ((role & HtmlTagRole.TextCell) != 0) w.Add(' ');
        if (!closing && (role & HtmlTagRole.TextHidden) != 0 && s[end - 1] != '/')
        {
            var close = HtmlAllowList.IndexOfClosing(s, end, name!);
            return close < 0 ? s.Length : After(s, s.IndexOf('>', close), 1);
        }
        return end;
    }

    private static int After(string s, int index, int length) => index < 0 ? s.Length : index + length;
}
