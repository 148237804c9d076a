using System.Text;

namespace Monitor.Core.Digests;

/// <summary>Text clean-up shared by the composer and the renderers: one-line text, excerpts cut at word boundaries.</summary>
public static class DigestText
{
    public const int ExcerptLength = 280;
    private const string Ellipsis = "…";

    /// <summary>
    /// Collapses every run of whitespace (line breaks, U+2028/2029 included) to one space and drops control and
    /// bidi-override characters, so feed text cannot break a subject line or reorder the text around it.
    /// </summary>
    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                // Control characters count as separators: "a\u0000b" must not glue two words together.
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (IsBidiControl(c)) continue;
            if (pendingSpace) { sb.Append(' '); pendingSpace = false; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Cuts one-line text to at most <paramref name="maxLength"/> characters (ellipsis included) at a word boundary.</summary>
    public static string Truncate(string text, int maxLength)
    {
        var line = OneLine(text);
        if (line.Length <= maxLength) return line;
        var budget = maxLength - Ellipsis.Length;
        var cut = line.LastIndexOf(' ', budget);
        // A single very long word (a URL, say) has no boundary in reach: cut it hard rather than return nothing.
        if (cut < budget / 2) cut = budget;
        if (cut > 0 && char.IsHighSurrogate(line[cut - 1])) cut--;
        return line[..cut].TrimEnd(' ', '،', ',', '؛', ';', ':', '-', '–', '—') + Ellipsis;
    }

    /// <summary>
    /// The excerpt under a title: the text without a leading copy of the title (pages often start with it),
    /// cut to about <see cref="ExcerptLength"/> characters.
    /// </summary>
    public static string Excerpt(string title, string text)
    {
        var head = OneLine(title);
        // Only the start of the text can reach the excerpt: collapse a generous prefix rather than a whole article,
        // and fall back to the whole text only when that prefix was mostly whitespace.
        var need = head.Length + ExcerptLength + 1;
        var prefix = text.Length > need * 4 ? text[..(need * 4)] : text;
        var body = OneLine(prefix);
        if (body.Length < need && prefix.Length < text.Length) body = OneLine(text);
        if (head.Length > 0 && body.StartsWith(head, StringComparison.Ordinal))
            body = body[head.Length..].TrimStart(' ', '.', ':', '-', '–', '—', '،');
        return Truncate(body, ExcerptLength);
    }

    // LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI: feed text must not carry its own embedding levels into ours.
    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
