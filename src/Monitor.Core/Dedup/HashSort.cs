using System.Buffers;

namespace Monitor.Core.Dedup;

/// <summary>
/// Sorts 64-bit hashes in place, ascending — the same order as <see cref="MemoryExtensions.Sort{T}(Span{T})"/>, in
/// about linear time. Shingle hashes come out of <see cref="WordHashing.Mix"/>, so their top bits are spread evenly:
/// one counting pass distributes them into about as many buckets as there are hashes by those bits, and each bucket
/// (one or two hashes on average) is then sorted on its own. Introsort spent a tenth of the judge's time here.
/// A bucket that is large all the same (many repeats of one shingle, or unlucky hashes) is sorted by introsort, so
/// the worst case stays n log n.
/// </summary>
internal static class HashSort
{
    /// <summary>Below this, introsort's insertion sort is as fast and needs no second buffer.</summary>
    private const int MinBucketed = 48;
    private const int InsertionLimit = 16;

    public static void Sort(Span<ulong> span)
    {
        var n = span.Length;
        if (n < MinBucketed) { span.Sort(); return; }

        // Bucket count: the power of two at or above n (1 to 2 hashes per bucket), indexed by the top bits.
        var bits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(n - 1));
        var buckets = 1 << bits;
        var shift = 64 - bits;

        var starts = ArrayPool<int>.Shared.Rent(buckets + 1);
        var copy = ArrayPool<ulong>.Shared.Rent(n);
        try
        {
            var start = starts.AsSpan(0, buckets + 1);
            start.Clear();
            var source = copy.AsSpan(0, n);
            span.CopyTo(source);
            foreach (var h in source) start[(int)(h >> shift) + 1]++;
            for (var b = 1; b <= buckets; b++) start[b] += start[b - 1];
            // start[b] is now where bucket b begins; scatter advances it to where bucket b ends (= bucket b+1's start).
            foreach (var h in source) span[start[(int)(h >> shift)]++] = h;

            var from = 0;
            for (var b = 0; b < buckets; b++)
            {
                var to = start[b];
                var size = to - from;
                if (size > InsertionLimit) span[from..to].Sort();
                else if (size > 1) InsertionSort(span[from..to]);
                from = to;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(starts);
            ArrayPool<ulong>.Shared.Return(copy);
        }
    }

    private static void InsertionSort(Span<ulong> s)
    {
        for (var i = 1; i < s.Length; i++)
        {
            var v = s[i];
            var j = i - 1;
            while (j >= 0 && s[j] > v) { s[j + 1] = s[j]; j--; }
            s[j + 1] = v;
        }
    }
}
