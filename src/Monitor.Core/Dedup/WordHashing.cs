using System.Buffers;
using System.Numerics;

namespace Monitor.Core.Dedup;

/// <summary>
/// 64-bit hashes of words and word shingles, computed over spans of the normalised text without allocating per word.
/// The constants are fixed: fingerprints are stored, so they must be the same in every process and release.
/// </summary>
internal static class WordHashing
{
    /// <summary>SplitMix64's finaliser: a cheap, well-mixing bijection on 64 bits.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>FNV-1a over the skeleton (<see cref="Rasm"/>) of one word, then mixed (FNV alone leaves the low bits weak).</summary>
    public static ulong HashWord(ReadOnlySpan<char> word)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in word)
        {
            h ^= Rasm(c);
            h *= 0x100000001B3UL;
        }
        return Mix(h);
    }

    /// <summary>
    /// The dotless skeleton of an Arabic letter: letters that differ only by their dots hash alike. Text extracted from
    /// PDFs and images loses or moves dots (seed 003: الانتلاف for الائتلاف, الدرائع for الذرائع, أكانيب for أكاذيب); within
    /// a three-word shingle the few real words this conflates almost never line up, so similarity loses nothing.
    /// </summary>
    public static char Rasm(char c) => c switch
    {
        'ب' or 'ت' or 'ث' or 'ن' or 'ي' or 'ئ' or 'ى' => 'ب',
        'ج' or 'ح' or 'خ' => 'ح',
        'د' or 'ذ' => 'د',
        'ر' or 'ز' => 'ر',
        'س' or 'ش' => 'س',
        'ص' or 'ض' => 'ص',
        'ط' or 'ظ' => 'ط',
        'ع' or 'غ' => 'ع',
        'ف' or 'ق' => 'ف',
        'ه' or 'ة' => 'ه',
        _ => c,
    };

    /// <summary>
    /// Appends the hash of every word (run of letters or digits) of <paramref name="text"/> to <paramref name="buffer"/>
    /// from <paramref name="count"/> on, growing the pooled buffer when needed; returns the new count.
    /// </summary>
    public static int AppendWordHashes(ReadOnlySpan<char> text, ref ulong[] buffer, int count)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
            if (count == buffer.Length) Grow(ref buffer, count);
            buffer[count++] = HashWord(text[start..i]);
        }
        return count;
    }

    /// <summary>
    /// Writes the hashes of all <paramref name="size"/>-word shingles of <paramref name="words"/> into
    /// <paramref name="dest"/>, sorted and without repeats; returns how many. Fewer words than the size give one shingle.
    /// </summary>
    public static int DistinctShingles(ReadOnlySpan<ulong> words, int size, Span<ulong> dest)
    {
        if (words.IsEmpty) return 0;
        var n = 0;
        var last = Math.Max(0, words.Length - size);
        for (var i = 0; i <= last; i++)
        {
            var h = (ulong)size;
            var end = Math.Min(words.Length, i + size);
            for (var j = i; j < end; j++)
                h = Mix(BitOperations.RotateLeft(h, 23) ^ words[j]);
            dest[n++] = h;
        }
        var span = dest[..n];
        span.Sort();
        var distinct = 1;
        for (var i = 1; i < n; i++)
            if (span[i] != span[distinct - 1]) span[distinct++] = span[i];
        return distinct;
    }

    public static void Grow(ref ulong[] buffer, int used)
    {
        var bigger = ArrayPool<ulong>.Shared.Rent(Math.Max(64, buffer.Length * 2));
        buffer.AsSpan(0, used).CopyTo(bigger);
        ArrayPool<ulong>.Shared.Return(buffer);
        buffer = bigger;
    }
}
