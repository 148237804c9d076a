using System.Buffers;
using System.Text;

namespace Monitor.Core.Text;

/// <summary>
/// Folds the spelling variation of Arabic text so that the same word compares equal: alef forms, alef maqsura,
/// ta marbuta, Persian/Urdu letters, diacritics and Quranic marks, tatweel, bidi and zero-width marks, Arabic-Indic
/// digits, Arabic punctuation, upper case. One pass over a lookup table; compatibility characters (presentation forms
/// from PDFs, fullwidth, supplementary-plane digits) go through NFKC first, but only when one is present.
/// </summary>
public static class ArabicNormalizer
{
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) return text;
        var source = NeedsCompatibilityFolding(text) ? text.Normalize(NormalizationForm.FormKC) : text;
        if (!NeedsChange(source)) return source;
        if (source.Length <= 512)
        {
            Span<char> small = stackalloc char[source.Length];
            return new string(small[..FoldInto(source, small)]);
        }
        // An article's text: a pooled buffer (a fresh one per article was a sixth of analysis' allocation).
        var pooled = ArrayPool<char>.Shared.Rent(source.Length);
        try
        {
            return new string(pooled, 0, FoldInto(source, pooled));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(pooled);
        }
    }

    /// <summary>
    /// Normalises a span into <paramref name="destination"/> (at least as long as the source, or the NFKC form when
    /// the source holds compatibility characters) and returns the length written. Used by the tokeniser per word.
    /// </summary>
    internal static int NormalizeInto(ReadOnlySpan<char> source, Span<char> destination, out string? expanded)
    {
        expanded = null;
        if (NeedsCompatibilityFolding(source))
        {
            // Rare path (PDF copy-paste): NFKC may lengthen the word, so it is folded into a fresh array.
            var nfkc = source.ToString().Normalize(NormalizationForm.FormKC);
            var tmp = new char[nfkc.Length];
            var n = FoldInto(nfkc, tmp);
            expanded = new string(tmp, 0, n);
            return -1;
        }
        return FoldInto(source, destination);
    }

    /// <summary>True when any character is one NFKC would change (presentation forms, fullwidth, surrogates).</summary>
    internal static bool NeedsCompatibilityFolding(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if ((CharTables.Flags[c] & CharTables.CompatBit) != 0) return true;
        return false;
    }

    private static bool NeedsChange(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (CharTables.Fold[c] != c) return true;
        return false;
    }

    private static int FoldInto(ReadOnlySpan<char> source, Span<char> destination)
    {
        var fold = CharTables.Fold;
        var w = 0;
        foreach (var c in source)
        {
            var m = fold[c];
            if (m != CharTables.Delete) destination[w++] = m;
        }
        return w;
    }
}
