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
        var h = FnvOffset;
        foreach (var c in word)
        {
            h ^= Rasm(c);
            h *= FnvPrime;
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
    /// from <paramref name="count"/> on, growing the pooled buffer when needed; returns the new count. The same hashes as
    /// <see cref="HashWord"/> on each word, but one table read per character (<see cref="WordSkeleton"/>) in place of a
    /// Unicode category lookup and a switch: this loop is most of the cost of shingling a text.
    /// </summary>
    public static int AppendWordHashes(ReadOnlySpan<char> text, ref ulong[] buffer, int count)
    {
        var i = 0;
        while (i < text.Length)
        {
            var s = WordSkeleton(text[i]);
            if (s == 0) { i++; continue; }
            var h = FnvOffset;
            do
            {
                h ^= s;
                h *= FnvPrime;
                if (++i == text.Length) break;
                s = WordSkeleton(text[i]);
            } while (s != 0);
            if (count == buffer.Length) Grow(ref buffer, count);
            buffer[count++] = Mix(h);
        }
        return count;
    }

    private const ulong FnvOffset = 0xCBF29CE484222325UL;
    private const ulong FnvPrime = 0x100000001B3UL;

    /// <summary><see cref="Rasm"/> of the Arabic, Latin and other characters below U+0700 that are letters or digits,
    /// 0 for the rest (U+0000 is neither). Built from <see cref="char.IsLetterOrDigit(char)"/> and <see cref="Rasm"/>
    /// themselves, so it cannot disagree with them; 3.5 KB.</summary>
    private static readonly ushort[] Skeletons = BuildSkeletons();

    private static ushort[] BuildSkeletons()
    {
        var table = new ushort[0x700];
        for (var c = 0; c < table.Length; c++)
            table[c] = char.IsLetterOrDigit((char)c) ? Rasm((char)c) : (ushort)0;
        return table;
    }

    /// <summary><see cref="char.IsLetterOrDigit(char)"/>, from the same table below U+0700 (a word character's skeleton
    /// is never 0): the content hash splits words exactly as the word hashes do.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool IsWordChar(char c) => WordSkeleton(c) != 0;

    /// <summary>The skeleton <see cref="HashWord"/> hashes for a word character, 0 for a character between words.
    /// Above U+0700 <see cref="Rasm"/> changes nothing.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static uint WordSkeleton(char c)
    {
        var table = Skeletons;
        if (c < (uint)table.Length) return table[c];
        return char.IsLetterOrDigit(c) ? c : 0u;
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
        HashSort.Sort(span);
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
