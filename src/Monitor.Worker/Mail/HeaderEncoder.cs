using System.Globalization;
using System.Text;

namespace Monitor.Worker.Mail;

/// <summary>
/// Writes header fields from untrusted text (RFC 5322 folding, RFC 2047 encoded-words). Every output is printable
/// ASCII; line breaks appear only where this class folds, so no content can start a header of its own.
/// </summary>
internal static class HeaderEncoder
{
    /// <summary>RFC 5322's recommended line length; RFC 2047's limit for one encoded-word.</summary>
    private const int LineLimit = 78;
    private const int EncodedWordLimit = 75;
    private const string WordPrefix = "=?UTF-8?B?";
    private const string WordSuffix = "?=";

    /// <summary>
    /// Line breaks, tabs and other control characters become spaces: a title with a newline stays one line of
    /// text and can never end the header. Runs of the resulting whitespace are kept as they are (exactness).
    /// </summary>
    public static string Sanitize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            sb.Append(char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' ? ' ' : c);
        return sb.ToString().Trim();
    }

    /// <summary>An unstructured field (Subject): plain folded ASCII when possible, otherwise encoded-words.</summary>
    public static string Unstructured(string name, string? value)
    {
        var text = Sanitize(value);
        if (IsPlainAscii(text, maxWord: LineLimit - name.Length - 3))
            return Fold(name, text.Split(' '));
        return Fold(name, EncodedWords(text, FirstBudget(name)));
    }

    /// <summary>A mailbox field (From, To): display name as a quoted-string or encoded-words, then &lt;address&gt;.</summary>
    public static string Mailbox(string name, MailAddress mailbox)
    {
        var display = Sanitize(mailbox.DisplayName);
        var angle = "<" + mailbox.Address + ">";
        if (display.Length == 0) return Fold(name, [angle]);
        // Printable ASCII goes in a quoted-string, folded at its own spaces (unfolding gives the spaces back).
        if (IsPlainAscii(display, maxWord: int.MaxValue))
            return Fold(name, [.. Quote(display).Split(' '), angle]);
        return Fold(name, [.. EncodedWords(display, FirstBudget(name)), angle]);
    }

    /// <summary>A field whose value we built ourselves and validated as printable ASCII (Message-ID, List-Id...).</summary>
    public static string Structured(string name, IReadOnlyList<string> atoms) => Fold(name, atoms);

    /// <summary>Joins atoms with single spaces, breaking the line (CRLF + space) before an atom that would pass 78.</summary>
    private static string Fold(string name, IReadOnlyList<string> atoms)
    {
        var sb = new StringBuilder();
        sb.Append(name).Append(':');
        var lineLength = sb.Length;
        foreach (var atom in atoms)
        {
            // Never fold before an empty atom (a run of spaces): a line of only whitespace is not allowed.
            if (atom.Length > 0 && lineLength + 1 + atom.Length > LineLimit && lineLength > name.Length + 1)
            {
                sb.Append("\r\n");
                lineLength = 0;
            }
            sb.Append(' ').Append(atom);
            lineLength += 1 + atom.Length;
        }
        return sb.Append("\r\n").ToString();
    }

    private static int FirstBudget(string name) => Math.Min(EncodedWordLimit, LineLimit - name.Length - 2);

    /// <summary>
    /// RFC 2047 "B" encoded-words of UTF-8, each ≤ 75 characters (the first shorter so the first line fits), split
    /// only between whole characters (grapheme clusters where possible, code points for an oversized cluster).
    /// A split goes just before a space of the text when there is one in the word, the space starting the next
    /// word: RFC 2047 decoders join adjacent words without the folding space and get the text back exactly, and
    /// parsers that wrongly keep a space between words in a display name (CPython before gh-128110) at worst show
    /// a doubled space between two words, never a space inside one.
    /// </summary>
    internal static List<string> EncodedWords(string text, int firstBudget)
    {
        var words = new List<string>();
        var pending = new List<string>();
        var pendingBytes = 0;
        var budget = firstBudget;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            foreach (var piece in PiecesThatFit((string)elements.Current, EncodedWordLimit))
            {
                var size = Encoding.UTF8.GetByteCount(piece);
                while (pending.Count > 0 && EncodedLength(pendingBytes + size) > budget)
                {
                    var cut = pending.LastIndexOf(" ");
                    if (cut <= 0) cut = pending.Count;
                    words.Add(Word(pending.Take(cut)));
                    pending.RemoveRange(0, cut);
                    pendingBytes = pending.Sum(Encoding.UTF8.GetByteCount);
                    budget = EncodedWordLimit;
                }
                pending.Add(piece);
                pendingBytes += size;
            }
        }
        if (pending.Count > 0 || words.Count == 0) words.Add(Word(pending));
        return words;
    }

    /// <summary>A grapheme cluster too long for one encoded-word is split into its code points.</summary>
    private static IEnumerable<string> PiecesThatFit(string element, int budget)
    {
        if (EncodedLength(Encoding.UTF8.GetByteCount(element)) <= budget) { yield return element; yield break; }
        foreach (var rune in element.EnumerateRunes()) yield return rune.ToString();
    }

    private static int EncodedLength(int byteCount) => WordPrefix.Length + (byteCount + 2) / 3 * 4 + WordSuffix.Length;

    private static string Word(IEnumerable<string> pieces) =>
        WordPrefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Concat(pieces))) + WordSuffix;

    /// <summary>Printable ASCII, no "=?" (a decoder would take it for an encoded-word), no word too long to fold.</summary>
    private static bool IsPlainAscii(string text, int maxWord)
    {
        if (text.Contains("=?", StringComparison.Ordinal)) return false;
        var word = 0;
        foreach (var c in text)
        {
            if (c < 0x20 || c > 0x7E) return false;
            word = c == ' ' ? 0 : word + 1;
            if (word > maxWord) return false;
        }
        return true;
    }

    private static string Quote(string display) =>
        "\"" + display.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>RFC 5322 date-time, invariant: "Sun, 22 Nov 2026 06:06:54 +0000".</summary>
    public static string Date(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return date.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture)
            + $"{sign}{abs.Hours:00}{abs.Minutes:00}";
    }
}
