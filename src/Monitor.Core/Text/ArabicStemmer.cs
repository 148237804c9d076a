using System.Runtime.CompilerServices;

namespace Monitor.Core.Text;

/// <summary>
/// Light stemmer in the manner of Larkey's Light10 as implemented by Lucene's ArabicStemmer: strip at most one
/// prefix (article and its combinations with و ب ك ف ل), then every listed suffix in order while two letters remain.
/// The input must already be normalised (ة is ه, أ is ا). Because it only strips, the stem is always a substring of
/// the word, which lets the matcher look stems up without allocating.
/// </summary>
public static class ArabicStemmer
{
    // Order matters: the first matching prefix wins (Lucene's order, longest combinations before the bare article).
    private static readonly string[] Prefixes = ["ال", "وال", "بال", "كال", "فال", "لل", "و"];
    private static readonly string[] Suffixes = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"];

    public static string Stem(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var (start, length) = StemRange(normalized);
        return start == 0 && length == normalized.Length ? normalized : normalized.Substring(start, length);
    }

    /// <summary>Where the stem lies inside <paramref name="word"/>: (start, length).</summary>
    public static (int Start, int Length) StemRange(ReadOnlySpan<char> word)
    {
        var start = 0;
        var len = word.Length;
        foreach (var p in Prefixes)
        {
            // A lone و is only a conjunction when at least three letters follow; the others need two.
            var minRest = p.Length == 1 ? 3 : 2;
            if (len >= p.Length + minRest && StartsWith(word, p))
            {
                start = p.Length;
                len -= p.Length;
                break;
            }
        }
        foreach (var s in Suffixes)
        {
            if (len >= s.Length + 2 && EndsWith(word.Slice(start, len), s))
                len -= s.Length;
        }
        return (start, len);
    }

    // Affixes are one to three letters: comparing them inline beats the library's general span search, which the
    // native build calls out of line (the stemmer runs for every clitic reading of every token the tagger sees).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool StartsWith(ReadOnlySpan<char> word, string affix)
    {
        if (word.Length < affix.Length) return false;
        for (var i = 0; i < affix.Length; i++)
            if (word[i] != affix[i]) return false;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EndsWith(ReadOnlySpan<char> word, string affix)
    {
        var at = word.Length - affix.Length;
        if (at < 0) return false;
        for (var i = affix.Length - 1; i >= 0; i--) // last letter first: it rules out most suffixes at once
            if (word[at + i] != affix[i]) return false;
        return true;
    }
}
