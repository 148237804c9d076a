using System.Globalization;
using System.Text;

namespace Monitor.Core.Feeds;

/// <summary>
/// HTML → clean text, and HTML → safe HTML. <see cref="ToText"/> is a single forward scan (no DOM: it runs on every
/// title, summary and content of every entry); <see cref="Sanitize"/> builds AngleSharp's DOM and keeps an allow-list.
/// </summary>
public static class HtmlText
{
    /// <summary>Tags gone (script/style with their content), entities decoded, block elements and br as line breaks, whitespace collapsed.</summary>
    public static string ToText(string html)
    {
        if (string.IsNullOrEmpty(html)) return "";
        if (html.AsSpan().IndexOfAny('<', '&') < 0) return CollapseOnly(html);
        var w = new TextWriterState(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            // Runs of ordinary characters are copied in one go.
            var run = html.AsSpan(i).IndexOfAny(TextSpecials);
            if (run != 0)
            {
                var len = run < 0 ? html.Length - i : run;
                w.AddRun(html.AsSpan(i, len));
                i += len;
                continue;
            }
            var c = html[i];
            if (c == '<') { i = HtmlTags.Consume(html, i, ref w); continue; }
            if (c == '&') { i = DecodeEntity(html, i, ref w); continue; }
            w.Add(c);
            i++;
        }
        return w.Finish();
    }

    /// <summary>Allow-listed HTML: see <see cref="HtmlAllowList"/>.</summary>
    public static string Sanitize(string html, Uri? baseUri) => HtmlAllowList.Sanitize(html, baseUri);

    internal static readonly System.Buffers.SearchValues<char> TextSpecials = System.Buffers.SearchValues.Create("<& \t\n\r\f");

    private static string CollapseOnly(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.IndexOfAny("\t\n\r\f") < 0 && !trimmed.Contains("  ", StringComparison.Ordinal))
            return trimmed.Length == text.Length ? text : trimmed.ToString();
        var w = new TextWriterState(text.Length);
        foreach (var c in text) w.Add(c);
        return w.Finish();
    }

    /// <summary>Decodes the reference at <paramref name="at"/> (or writes a literal '&amp;') and returns the next index.</summary>
    internal static int DecodeEntity(string s, int at, ref TextWriterState w)
    {
        var semi = -1;
        var limit = Math.Min(s.Length, at + 34);
        for (var j = at + 1; j < limit; j++)
        {
            var ch = s[j];
            if (ch == ';') { semi = j; break; }
            if (!(char.IsAsciiLetterOrDigit(ch) || ch == '#')) break;
        }
        if (semi > at + 1)
        {
            var name = s.AsSpan(at + 1, semi - at - 1);
            if (name[0] == '#')
            {
                var hex = name.Length > 1 && (name[1] | 0x20) == 'x';
                if (int.TryParse(name[(hex ? 2 : 1)..], hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var cp)
                    && cp is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
                {
                    foreach (var ch in char.ConvertFromUtf32(cp)) w.Add(ch);
                    return semi + 1;
                }
            }
            else if (HtmlEntities.Lookup(name) is { } symbol)
            {
                foreach (var ch in symbol) w.Add(ch);
                return semi + 1;
            }
        }
        w.Add('&');
        return at + 1;
    }
}

/// <summary>Accumulates text with whitespace collapsed and explicit line breaks from block elements.</summary>
internal struct TextWriterState(int capacity, bool collapse = true)
{
    private readonly StringBuilder _sb = new(Math.Min(capacity, 1 << 16));
    private readonly bool _collapse = collapse;
    private bool _space;
    private bool _newline;

    public void Add(char c)
    {
        if (!_collapse) { _sb.Append(c); return; }
        if (c is ' ' or '\t' or '\n' or '\r' or '\f')
        {
            if (_sb.Length > 0) _space = true;
            return;
        }
        if (_newline) { _sb.Append('\n'); _newline = false; _space = false; }
        else if (_space) { _sb.Append(' '); _space = false; }
        _sb.Append(c);
    }

    /// <summary>Appends characters known to contain no whitespace.</summary>
    public void AddRun(ReadOnlySpan<char> run)
    {
        if (run.IsEmpty) return;
        if (_newline) { _sb.Append('\n'); _newline = false; _space = false; }
        else if (_space) { _sb.Append(' '); _space = false; }
        _sb.Append(run);
    }

    public void Break()
    {
        if (_sb.Length > 0) _newline = true;
    }

    public string Finish() => _sb.ToString();
}
