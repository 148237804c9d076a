using System.Buffers;
using System.Numerics;

namespace Monitor.Core.Dedup;

/// <summary>
/// Decides whether an item is the same statement as one of its candidates. Signatures only rank the candidates: every
/// decision is verified on the actual word shingles of both texts (the list is short — the items sharing a band key),
/// so precision does not rest on the MinHash estimate.
/// Two different statements of one publisher share boilerplate ("وأكد البيان أن استمرار الصمت الدولي…"). Two guards
/// keep them apart: shingles that candidates of several distinct stories share are boilerplate and are left out of the
/// comparison, and "contained" demands that the matched part cover most of the shorter text, which a shared closing
/// paragraph never does.
/// </summary>
public static class NearDuplicateJudge
{
    private const double QuotationLengthRatio = 1.5;

    /// <returns>The nearest candidate that is the same statement, or null.</returns>
    public static DuplicateVerdict? FindBest(DedupCandidate item, IReadOnlyList<DedupCandidate> candidates, DedupOptions options)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(options);
        if (candidates.Count == 0) return null;

        if (ExactMatch(item, candidates) is { } exact) return exact;

        var mine = item.Shingles ?? ShingleText.Shingles(item.Title, item.Text, options);
        if (mine.Length == 0) return null;
        candidates = CandidateShortlist.Select(item, candidates, options);
        if (candidates.Count == 0) return null;

        var theirs = new ulong[candidates.Count][];
        for (var i = 0; i < candidates.Count; i++)
            theirs[i] = candidates[i].ItemId == item.ItemId ? []
                : candidates[i].Shingles ?? ShingleText.Shingles(candidates[i].Title, candidates[i].Text, options);

        // Each candidate's shared shingles as a bit set over mine (one merge walk each), then the boilerplate from them.
        var words = Boilerplate.Words(mine.Length);
        var pooled = ArrayPool<ulong>.Shared.Rent(words * (candidates.Count + 1));
        try
        {
            var matched = pooled.AsSpan(0, words * candidates.Count);
            var boilerplate = pooled.AsSpan(words * candidates.Count, words);
            matched.Clear();
            for (var i = 0; i < candidates.Count; i++)
                Boilerplate.Match(mine, theirs[i], matched.Slice(i * words, words));
            var mineCount = mine.Length - Boilerplate.Mark(matched, words, candidates, options.BoilerplateStories, boilerplate);

            DuplicateVerdict? best = null;
            for (var i = 0; i < candidates.Count; i++)
            {
                if (theirs[i].Length == 0) continue;
                var (shared, theirCount) = SharedShingles(matched.Slice(i * words, words), boilerplate, theirs[i].Length);
                var verdict = Judge(candidates[i], shared, mineCount, theirCount, options);
                if (verdict is not null && (best is null || Nearer(verdict, best))) best = verdict;
            }
            return best;
        }
        finally { ArrayPool<ulong>.Shared.Return(pooled); }
    }

    /// <summary>The first candidate with the item's content hash (the same words after cleanup), as an exact verdict.
    /// <see cref="FindBest"/> starts with it; a caller that shortlists before loading texts asks it on the full list.</summary>
    public static DuplicateVerdict? ExactMatch(DedupCandidate item, IReadOnlyList<DedupCandidate> candidates)
    {
        foreach (var c in candidates)
            if (c.ItemId != item.ItemId && c.Fingerprint.ContentHash == item.Fingerprint.ContentHash)
                return new DuplicateVerdict(c.ItemId, c.StoryId, 1, 1, DuplicateKinds.Exact);
        return null;
    }

    private static DuplicateVerdict? Judge(DedupCandidate candidate, int shared, int mineCount, int theirCount, DedupOptions options)
    {
        if (shared == 0 || mineCount <= 0 || theirCount <= 0) return null;
        var similarity = (double)shared / (mineCount + theirCount - shared);
        var shorter = Math.Min(mineCount, theirCount);
        var containment = (double)shared / shorter;
        // A short remainder (a headline, a lone boilerplate sentence) is contained in anything that quotes it: too little to say "same statement".
        var contained = containment >= options.ContainmentThreshold && shorter >= options.MinTokens;
        // One text half as long again as the other that holds it is a quotation inside a report, even when similar overall.
        var muchLonger = Math.Max(mineCount, theirCount) >= QuotationLengthRatio * shorter;
        var kind = contained && muchLonger ? DuplicateKinds.Contained
            : similarity >= options.SimilarityThreshold ? DuplicateKinds.NearDuplicate
            : contained ? DuplicateKinds.Contained
            : null;
        return kind is null ? null : new DuplicateVerdict(candidate.ItemId, candidate.StoryId, similarity, containment, kind);
    }

    private static bool Nearer(DuplicateVerdict a, DuplicateVerdict b) =>
        a.Similarity != b.Similarity ? a.Similarity > b.Similarity
        : a.Containment != b.Containment ? a.Containment > b.Containment
        : a.ItemId < b.ItemId;

    /// <summary>Size of the intersection of two sets without the boilerplate (from the bit set of mine's shingles the
    /// other set holds), and the other set's size without the boilerplate it holds.</summary>
    private static (int Shared, int TheirCount) SharedShingles(ReadOnlySpan<ulong> matched, ReadOnlySpan<ulong> boilerplate, int theirLength)
    {
        int shared = 0, theirBoiler = 0;
        for (var w = 0; w < matched.Length; w++)
        {
            shared += BitOperations.PopCount(matched[w] & ~boilerplate[w]);
            theirBoiler += BitOperations.PopCount(matched[w] & boilerplate[w]);
        }
        return (shared, theirLength - theirBoiler);
    }
}
