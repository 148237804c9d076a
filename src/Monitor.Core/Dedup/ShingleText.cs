using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Monitor.Core.Text;

namespace Monitor.Core.Dedup;

/// <summary>
/// Turns a title and text into what fingerprints and verification compare: the text normalised by
/// <see cref="ArabicNormalizer"/> and cleaned of republisher noise, its words hashed, and the sorted distinct word
/// shingles. The text alone is shingled (outlets write their own headlines); the title joins in only when the text is
/// too short to stand alone.
/// </summary>
internal static class ShingleText
{
    public static string Clean(string raw) =>
        string.IsNullOrEmpty(raw) ? "" : RepublisherNoise.Strip(ArabicNormalizer.Normalize(raw));

    /// <summary>Sorted distinct shingle hashes; empty when the words are fewer than <see cref="DedupOptions.MinTokens"/>.</summary>
    public static ulong[] Shingles(string title, string text, DedupOptions options)
    {
        var words = ArrayPool<ulong>.Shared.Rent(256);
        try
        {
            var n = WordsForShingles(Clean(title), Clean(text), options, ref words, out var start);
            if (n < options.MinTokens) return [];
            var dest = ArrayPool<ulong>.Shared.Rent(n);
            try
            {
                var count = WordHashing.DistinctShingles(words.AsSpan(start, n), options.ShingleSize, dest);
                return dest.AsSpan(0, count).ToArray();
            }
            finally { ArrayPool<ulong>.Shared.Return(dest); }
        }
        finally { ArrayPool<ulong>.Shared.Return(words); }
    }

    /// <summary>
    /// Hashes the title's then the text's words into <paramref name="words"/> and returns how many of them to shingle,
    /// from <paramref name="start"/>: the text's words, or title and text together when the text alone is too short.
    /// </summary>
    public static int WordsForShingles(string cleanTitle, string cleanText, DedupOptions options, ref ulong[] words, out int start)
    {
        var inTitle = WordHashing.AppendWordHashes(cleanTitle, ref words, 0);
        var total = WordHashing.AppendWordHashes(cleanText, ref words, inTitle);
        start = total - inTitle >= options.MinTokens ? inTitle : 0;
        return total - start;
    }

    /// <summary>Hex SHA-256 of the words of title and text, one space between words, a line break between the two:
    /// copies differing only in spelling variants, diacritics, punctuation, spacing or republisher noise hash alike.</summary>
    public static string ContentHash(string cleanTitle, string cleanText)
    {
        // The words with one space between them never outgrow the text they came from, plus the line break.
        var chars = ArrayPool<char>.Shared.Rent(cleanTitle.Length + cleanText.Length + 1);
        try
        {
            var n = AppendWords(chars, 0, cleanTitle);
            chars[n++] = '\n';
            n = AppendWords(chars, n, cleanText);
            var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(n));
            try
            {
                var len = Encoding.UTF8.GetBytes(chars.AsSpan(0, n), bytes);
                return Convert.ToHexStringLower(SHA256.HashData(bytes.AsSpan(0, len)));
            }
            finally { ArrayPool<byte>.Shared.Return(bytes); }
        }
        finally { ArrayPool<char>.Shared.Return(chars); }
    }

    /// <summary>Copies the words of <paramref name="s"/> to <paramref name="dest"/> from <paramref name="at"/>, one
    /// space between them; returns where the copy ends.</summary>
    private static int AppendWords(char[] dest, int at, string s)
    {
        var first = true;
        var i = 0;
        while (i < s.Length)
        {
            if (!WordHashing.IsWordChar(s[i])) { i++; continue; }
            var start = i;
            while (i < s.Length && WordHashing.IsWordChar(s[i])) i++;
            if (!first) dest[at++] = ' ';
            s.AsSpan(start, i - start).CopyTo(dest.AsSpan(at));
            at += i - start;
            first = false;
        }
        return at;
    }
}
