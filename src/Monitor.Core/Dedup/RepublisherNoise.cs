using System.Text.RegularExpressions;

namespace Monitor.Core.Dedup;

/// <summary>
/// Removes what republishers add around a statement — "اقرأ أيضا" links, "المصدر:" credits, bylines, the
/// "الكاتب : … التاريخ : … المشاهدات : N" header of some sites, bare URLs and e-mail addresses — so that it does not
/// lower the similarity of two copies. Works on text already passed through <see cref="Text.ArabicNormalizer"/>
/// (hamzas folded, diacritics gone), which is why the patterns are written without hamzas.
/// </summary>
internal static partial class RepublisherNoise
{
    public static string Strip(string normalized)
    {
        if (normalized.Length == 0) return normalized;
        // Cheap ordinal probes first: most texts carry none of this noise, and then no pattern runs at all.
        var s = normalized;
        if (Has(s, "المشاهدات") || Has(s, "التاريخ")) s = SiteHeader().Replace(s, " ");
        if (Has(s, "اقرا") || Has(s, "طالع") || Has(s, "شاهد")) s = ReadAlso().Replace(s, "");
        if (Has(s, "المصدر")) s = SourceCredit().Replace(s, "$1");
        if (Has(s, "بقلم") || Has(s, "كتب") || Has(s, "اعداد") || Has(s, "تحرير") || Has(s, "ترجمه")) s = BylineLine().Replace(s, "");
        if (s.Contains('@') || Has(s, "www.") || Has(s, "http")) s = AddressLine().Replace(s, "");
        return s;
    }

    private static bool Has(string s, string probe) => s.Contains(probe, StringComparison.Ordinal);

    // "الكاتب : أسرة التحرير التاريخ : 26 نوفمبر 2018 م المشاهدات : 321" (seed 003): one run, often on the title line.
    [GeneratedRegex(@"(?:الكاتب|الناشر)\s*:[^\n]{0,200}?المشاهدات\s*:\s*\d*|التاريخ\s*:\s*\d{1,2}\s+\S+\s+\d{4}\s*م?", RegexOptions.CultureInvariant)]
    private static partial Regex SiteHeader();

    // A "read also" link runs to the end of its line, wherever it starts.
    [GeneratedRegex(@"(?:اقرا|طالع|شاهد)\s+(?:ايضا|كذلك|المزيد)\b[^\n]*", RegexOptions.CultureInvariant)]
    private static partial Regex ReadAlso();

    // "المصدر: …" at the start of a line or after the end of a sentence, up to the end of the line.
    [GeneratedRegex(@"(^|[.!؟?""”»)]\s*)المصدر\s*:[^\n]*", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex SourceCredit();

    // A line that is only a byline: "بقلم: …", "كتب: …", "اعداد: …", "تحرير: …".
    [GeneratedRegex(@"^[ \t]*(?:بقلم|كتب|كتبه|اعداد|تحرير|ترجمه)\s*:?[^\n]{0,60}$", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex BylineLine();

    // A line that is only a URL or an e-mail address (the footer of the coalition's statements).
    [GeneratedRegex(@"^[ \t]*(?:\S+@\S+|(?:https?://|www\.)\S+)[ \t]*$", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex AddressLine();
}
