namespace Monitor.Core.Feeds;

/// <summary>Reads one attribute's value out of a start tag (quoted, single-quoted or bare), entities decoded.</summary>
internal static class HtmlAllowListAttributes
{
    public static string? Find(string s, int from, int tagEnd, string wanted)
    {
        var i = from;
        var end = tagEnd - 1; // index of '>' (or end of text)
        while (i < end)
        {
            while (i < end && (char.IsWhiteSpace(s[i]) || s[i] == '/')) i++;
            var nameStart = i;
            while (i < end && !char.IsWhiteSpace(s[i]) && s[i] is not ('=' or '>' or '/')) i++;
            var name = s.AsSpan(nameStart, i - nameStart);
            while (i < end && char.IsWhiteSpace(s[i])) i++;
            string? value = null;
            if (i < end && s[i] == '=')
            {
                i++;
                while (i < end && char.IsWhiteSpace(s[i])) i++;
                if (i < end && s[i] is '"' or '\'')
                {
                    var q = s[i];
                    var close = s.IndexOf(q, i + 1);
                    if (close < 0 || close > end) close = end;
                    value = s.Substring(i + 1, close - i - 1);
                    i = close + 1;
                }
                else
                {
                    var vs = i;
                    while (i < end && !char.IsWhiteSpace(s[i])) i++;
                    value = s.Substring(vs, i - vs);
                }
            }
            if (name.Length == 0) { i++; continue; }
            if (name.Equals(wanted, StringComparison.OrdinalIgnoreCase)) return value is null ? null : Decode(value);
        }
        return null;
    }

    private static string Decode(string value)
    {
        if (value.IndexOf('&') < 0) return value;
        var w = new TextWriterState(value.Length, collapse: false);
        var i = 0;
        while (i < value.Length)
        {
            if (value[i] == '&') { i = HtmlText.DecodeEntity(value, i, ref w); continue; }
            w.Add(value[i]);
            i++;
        }
        return w.Finish();
    }
}
