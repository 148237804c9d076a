using System.Text;

namespace Monitor.Core.Digests;

/// <summary>
/// HTML encoding for text from feeds, and bidi isolation of runs that go against the text's own direction
/// (Latin words and numbers inside Arabic, Arabic inside English), so they cannot reorder their neighbours.
/// </summary>
public static class DigestHtmlText
{
    /// <summary>Encodes the five characters that matter in text and in double- or single-quoted attributes.</summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.AsSpan().IndexOfAny(Special) < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        AppendEncoded(sb, text);
        return sb.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("&<>\"'");

    private static void AppendEncoded(StringBuilder sb, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
    }

    /// <summary>
    /// Encodes one line of feed text and wraps every run that goes against its base direction (taken from its first
    /// strong letter, as <c>dir="auto"</c> does) in <c>&lt;bdi&gt;</c>. In right-to-left text a run starts and ends
    /// with a Latin letter or a digit and may hold spaces and inner punctuation between ("John Kerry", "2015 - 2016",
    /// "U.S"); in left-to-right text, likewise with Arabic letters. Brackets and quotes never join a run, so a pair
    /// is not split across the isolate's edge.
    /// </summary>
    public static string Isolated(string? text)
    {
        var line = DigestText.OneLine(text);
        if (line.Length == 0) return "";
        var rtl = BaseIsRightToLeft(line);
        var sb = new StringBuilder(line.Length + 32);
        var i = 0;
        while (i < line.Length)
        {
            if (!StartsOpposite(line[i], rtl)) { AppendEncoded(sb, line.AsSpan(i, 1)); i++; continue; }
            var end = i;
            for (var j = i + 1; j < line.Length && (StartsOpposite(line[j], rtl) || JoinsRun(line[j], rtl)); j++)
                if (StartsOpposite(line[j], rtl)) end = j;
            sb.Append("<bdi>");
            AppendEncoded(sb, line.AsSpan(i, end + 1 - i));
            sb.Append("</bdi>");
            i = end + 1;
        }
        return sb.ToString();
    }

    /// <summary>True when the first strong letter is Arabic or Hebrew; text without letters counts as right-to-left only if told so.</summary>
    public static bool BaseIsRightToLeft(string text, bool whenNoLetters = false)
    {
        foreach (var c in text)
        {
            if (IsRightToLeftLetter(c)) return true;
            if (char.IsLetter(c)) return false;
        }
        return whenNoLetters;
    }

    private static bool StartsOpposite(char c, bool baseRtl) =>
        baseRtl ? char.IsAsciiDigit(c) || (char.IsLetter(c) && !IsRightToLeftLetter(c)) : IsRightToLeftLetter(c);

    /// <summary>Characters that may sit inside a run between two of its letters or digits.</summary>
    private static bool JoinsRun(char c, bool baseRtl) =>
        c is ' ' or '.' or ',' or ':' or '-' or '/' or '_' or '+' or '%' or '&' or '@' or '#' or '\''
        || (!baseRtl && (char.IsAsciiDigit(c) || c is '،' or '\u0640'));

    /// <summary>Hebrew and Arabic letters (Arabic-Indic digits are numbers, not letters, and stay out).</summary>
    private static bool IsRightToLeftLetter(char c) =>
        c is >= '\u0590' and <= '\u08FF' or >= '\uFB1D' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF'
        && !(c is >= '\u0660' and <= '\u0669' or >= '\u06F0' and <= '\u06F9');
}
