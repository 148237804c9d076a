using System.Globalization;
using System.Text;

namespace Monitor.Core.Feeds;

/// <summary>
/// HTML → clean text, and HTML → safe HTML. <see cref="ToText"/> is a single forward scan (no DOM: it runs on every
/// title, summary and content of every entry); <see cref="Sanitize"/> is the streaming allow-list of <see cref="HtmlAllowList"/>.
/// </summary>
public static class HtmlText
{
    /// <summary>Tags gone (script/style with their content), entities decoded, block elements and br as line breaks, whitespace collapsed.</summary>
    public static string ToText(string html)
    {
        if (string.IsNullOrEmpty(html)) return "";
        if (html.AsSpan().IndexOfAny('<', '&') < 0) return CollapseOnly(html);
        var sb = TextBuilders.Rent(html.Length);
        var w = new TextWriterState(sb);
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<') { i = HtmlTags.Consume(html, i, ref w); continue; }
            if (c == '&') { i = DecodeEntity(html, i, ref w); continue; }
            if (IsCollapsible(c))
            {
                // A run of white space is one space (or the pending line break).
                w.Add(' ');
                var rest = html.AsSpan(i + 1).IndexOfAnyExcept(Collapsible);
                i = rest < 0 ? html.Length : i + 1 + rest;
                continue;
            }
            // Ordinary text up to the next markup, line-break white space or double space is copied in one go:
            // inside such a run every space is a single one between two visible characters, which is exactly what
            // collapsing would write. A trailing space is left for the white-space branch above.
            var run = html.AsSpan(i);
            var stop = run.IndexOfAny(RunStops);
            if (stop >= 0) run = run[..stop];
            var doubled = run.IndexOf("  ", StringComparison.Ordinal);
            if (doubled >= 0) run = run[..doubled];
            else if (run.Length > 1 && run[^1] == ' ') run = run[..^1];
            w.AddRun(run);
            i += run.Length;
        }
        return TextBuilders.Return(sb);
    }

    /// <summary>Allow-listed HTML: see <see cref="HtmlAllowList"/>.</summary>
    public static string Sanitize(string html, Uri? baseUri) => HtmlAllowList.Sanitize(html, baseUri);

    /// <summary>The white space that collapses (HTML's, not Unicode's: a no-break space is text).</summary>
    private static readonly System.Buffers.SearchValues<char> Collapsible = System.Buffers.SearchValues.Create(" \t\n\r\f");

    /// <summary>Where a run of ordinary text ends: markup, or white space other than a plain space.</summary>
    private static readonly System.Buffers.SearchValues<char> RunStops = System.Buffers.SearchValues.Create("<&\t\n\r\f");

    private static bool IsCollapsible(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

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
        var next = ReadEntity(s, at, out var symbol, out var codePoint);
        if (symbol is not null)
        {
            foreach (var ch in symbol) w.Add(ch);
        }
        else if (codePoint < 0x10000) w.Add((char)codePoint);
        else
        {
            var rune = new Rune(codePoint);
            Span<char> pair = stackalloc char[2];
            rune.EncodeToUtf16(pair);
            w.Add(pair[0]);
            w.Add(pair[1]);
        }
        return next;
    }

    /// <summary>
    /// Reads the reference at <paramref name="at"/> and returns the index after it. A named reference yields its
    /// <paramref name="symbol"/>; a numeric one its <paramref name="codePoint"/>; anything else is a literal '&amp;'
    /// (code point 0x26) and only that character is consumed. Nothing is allocated.
    /// </summary>
    internal static int ReadEntity(string s, int at, out string? symbol, out int codePoint)
    {
        symbol = null;
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
                    codePoint = cp;
                    return semi + 1;
                }
            }
            else if (HtmlEntities.Lookup(name) is { } found)
            {
                symbol = found;
                codePoint = 0;
                return semi + 1;
            }
        }
        codePoint = '&';
        return at + 1;
    }
}

/// <summary>Accumulates text with whitespace collapsed and explicit line breaks from block elements.</summary>
internal struct TextWriterState
{
    private readonly StringBuilder _sb;
    private readonly bool _collapse;
    private bool _space;
    private bool _newline;

    public TextWriterState(int capacity, bool collapse = true) : this(new StringBuilder(Math.Min(capacity, 8000)), collapse) { }

    /// <summary>Writes into <paramref name="sb"/>, which the caller owns (and may have rented).</summary>
    public TextWriterState(StringBuilder sb, bool collapse = true)
    {
        _sb = sb;
        _collapse = collapse;
    }

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

    /// <summary>
    /// Appends a run that starts and ends with a visible character and holds no white space but single plain spaces
    /// between visible characters: what <see cref="Add"/> would write for it character by character.
    /// </summary>
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
