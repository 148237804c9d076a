using System.Text;

namespace Monitor.Core.Feeds;

/// <summary>
/// One linear pass over the decoded text that makes what old CMSs emit acceptable to a strict XML reader:
/// HTML named entities become numeric references, a bare '&amp;' or a stray '&lt;' is escaped, characters XML forbids
/// are dropped, an external DOCTYPE is removed unread. CDATA, comments and processing instructions are copied as they
/// are. A DOCTYPE with an internal subset (where entity bombs and external entities live) stops everything.
/// The text is only copied once the first repair is needed, so well-formed feeds cost one scan.
/// </summary>
internal static class XmlRepair
{
    private static readonly string AsciiSpecials =
        "<&" + string.Concat(Enumerable.Range(0, 0x20).Where(c => c is not (9 or 10 or 13)).Select(c => (char)c));

    /// <summary>Every character the loop must look at; the rest is skipped with a vectorised search.</summary>
    private static readonly System.Buffers.SearchValues<char> Interesting = System.Buffers.SearchValues.Create(
        AsciiSpecials + "\uFFFE\uFFFF" + string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));

    /// <summary>
    /// The same set for text with no surrogate and no U+FFFE/U+FFFF (nearly every feed): an ASCII-only set searches
    /// several times faster than one holding 2,000 surrogates, and which one is used cannot change the result.
    /// </summary>
    private static readonly System.Buffers.SearchValues<char> InterestingAscii = System.Buffers.SearchValues.Create(AsciiSpecials);

    public sealed record Result(string Text, IReadOnlyList<string> Repairs, bool Forbidden, string? ForbiddenReason);

    public static Result Run(string text)
    {
        StringBuilder? sb = null;
        var repairs = new List<string>();
        var copiedTo = 0; // text[copiedTo..i] not yet appended to sb
        var i = 0;

        // Whitespace (or junk) before the XML declaration makes the declaration illegal: drop it.
        var firstLt = text.IndexOf('<');
        if (firstLt > 0 && text.AsSpan(firstLt).StartsWith("<?xml", StringComparison.Ordinal))
        {
            sb = new StringBuilder(text.Length + 64);
            copiedTo = i = firstLt;
            repairs.Add("content before the XML declaration removed");
        }

        var all = text.AsSpan();
        var interesting = all.ContainsAnyInRange('\uD800', '\uDFFF') || all.ContainsAny('\uFFFE', '\uFFFF') ? Interesting : InterestingAscii;

        void Flush(int upTo)
        {
            sb ??= new StringBuilder(text.Length + 64);
            sb.Append(text, copiedTo, upTo - copiedTo);
        }

        while (i < text.Length)
        {
            var skip = text.AsSpan(i).IndexOfAny(interesting);
            if (skip < 0) break;
            i += skip;
            var c = text[i];
            if (c == '<')
            {
                // An ordinary start or end tag: nothing to look at (the name's first character is not special either).
                if (i + 1 < text.Length && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] == '/')) { i += 2; continue; }
                var span = text.AsSpan(i);
                if (span.StartsWith("<![CDATA[", StringComparison.Ordinal)) { i = SkipPast(text, i + 9, "]]>"); continue; }
                if (span.StartsWith("<!--", StringComparison.Ordinal)) { i = SkipPast(text, i + 4, "-->"); continue; }
                if (span.StartsWith("<?", StringComparison.Ordinal)) { i = SkipPast(text, i + 2, "?>"); continue; }
                if (span.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
                {
                    var end = text.IndexOf('>', i);
                    var bracket = text.IndexOf('[', i);
                    if (bracket >= 0 && (end < 0 || bracket < end))
                        return new Result("", repairs, true, "the document has a DOCTYPE with an internal subset (entity declarations are never processed)");
                    if (end < 0) end = text.Length - 1;
                    Flush(i);
                    copiedTo = i = end + 1;
                    repairs.Add("external DOCTYPE ignored (not fetched)");
                    continue;
                }
                var next = i + 1 < text.Length ? text[i + 1] : '\0';
                if (!(char.IsLetter(next) || next is '_' or ':' or '/' or '!'))
                {
                    Flush(i); sb!.Append("&lt;"); copiedTo = ++i;
                    AddOnce(repairs, "unescaped '<' escaped");
                    continue;
                }
                i++;
                continue;
            }
            if (c == '&')
            {
                // The five references XML predefines are by far the most common (escaped HTML is full of them).
                var predefined = PredefinedLength(text, i);
                if (predefined > 0) { i += predefined; continue; }
                var fixedRef = RepairReference(text, i, out var consumed);
                if (fixedRef is not null)
                {
                    Flush(i); sb!.Append(fixedRef); copiedTo = i += consumed;
                    AddOnce(repairs, fixedRef == "&amp;" ? "bare '&' escaped" : "HTML named entity replaced");
                    continue;
                }
                i += consumed;
                continue;
            }
            if (c < 0x20 ? c is not ('\t' or '\n' or '\r') : c is '\uFFFE' or '\uFFFF' || (char.IsSurrogate(c) && !IsPair(text, i)))
            {
                Flush(i); copiedTo = ++i;
                AddOnce(repairs, "characters not allowed in XML removed");
                continue;
            }
            if (char.IsHighSurrogate(c)) i++;
            i++;
        }
        if (sb is null) return new Result(text, repairs, false, null);
        Flush(text.Length);
        return new Result(sb.ToString(), repairs, false, null);
    }

    /// <summary>The length of the predefined reference (&amp;lt; &amp;gt; &amp;amp; &amp;quot; &amp;apos;) at <paramref name="at"/>, or 0.</summary>
    private static int PredefinedLength(string text, int at)
    {
        var s = text.AsSpan(at);
        if (s.StartsWith("&lt;", StringComparison.Ordinal) || s.StartsWith("&gt;", StringComparison.Ordinal)) return 4;
        if (s.StartsWith("&amp;", StringComparison.Ordinal)) return 5;
        if (s.StartsWith("&quot;", StringComparison.Ordinal) || s.StartsWith("&apos;", StringComparison.Ordinal)) return 6;
        return 0;
    }

    /// <summary>Returns the replacement for the reference at <paramref name="at"/>, or null when it is fine as written.</summary>
    private static string? RepairReference(string text, int at, out int consumed)
    {
        var semi = -1;
        var limit = Math.Min(text.Length, at + 40);
        for (var j = at + 1; j < limit; j++)
        {
            var ch = text[j];
            if (ch == ';') { semi = j; break; }
            if (!(char.IsAsciiLetterOrDigit(ch) || ch == '#')) break;
        }
        if (semi < 0 || semi == at + 1) { consumed = 1; return "&amp;"; }
        consumed = semi - at + 1;
        var name = text.AsSpan(at + 1, semi - at - 1);
        if (name[0] == '#')
        {
            var hex = name.Length > 1 && (name[1] is 'x' or 'X');
            var digits = name[(hex ? 2 : 1)..];
            var ok = int.TryParse(digits, hex ? System.Globalization.NumberStyles.AllowHexSpecifier : System.Globalization.NumberStyles.None, null, out var cp);
            if (!ok) { consumed = 1; return "&amp;"; }
            if (IsXmlChar(cp)) return hex && name[1] == 'X' ? "&#x" + digits.ToString() + ";" : null;
            // Windows-1252 code points written as references (&#150;) are what the author meant; the rest is dropped.
            return cp is >= 0x80 and <= 0x9F ? Cp1252Ref(cp) : "";
        }
        if (name is "amp" or "lt" or "gt" or "quot" or "apos") return null;
        var symbol = HtmlEntities.Lookup(name);
        if (string.IsNullOrEmpty(symbol)) { consumed = 1; return "&amp;"; }
        var sb = new StringBuilder(12);
        foreach (var r in symbol.EnumerateRunes()) sb.Append("&#").Append(r.Value).Append(';');
        return sb.ToString();
    }

    private static string Cp1252Ref(int cp)
    {
        var ch = Encoding.GetEncoding(1252).GetString([(byte)cp]);
        return ch.Length == 1 && ch[0] != '?' ? "&#" + (int)ch[0] + ";" : "";
    }

    private static bool IsXmlChar(int cp) =>
        cp is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    private static bool IsPair(string s, int i) =>
        char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);

    private static int SkipPast(string text, int from, string terminator)
    {
        var end = text.IndexOf(terminator, from, StringComparison.Ordinal);
        return end < 0 ? text.Length : end + terminator.Length;
    }

    private static void AddOnce(List<string> list, string item)
    {
        if (!list.Contains(item)) list.Add(item);
    }
}
