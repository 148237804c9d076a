namespace Monitor.Core.Dedup;

/// <summary>
/// Cuts the candidate list down before the exact shingle comparison, which costs a re-shingling of each candidate's
/// text. The MinHash estimate of Jaccard (and, with the shingle counts, of containment) is cheap; a candidate far below
/// both thresholds cannot pass the verification, so it is not verified. The margins are wide (the estimate's standard
/// error with 120 hashes is under 0.05), and the survivors are capped, nearest first.
/// </summary>
public static class CandidateShortlist
{
    public const int MaxVerified = 16;
    private const double Margin = 0.5;

    public static IReadOnlyList<DedupCandidate> Select(DedupCandidate item, IReadOnlyList<DedupCandidate> candidates, DedupOptions options)
    {
        if (!item.Fingerprint.HasSignature || candidates.Count == 0) return candidates;
        var scored = new (double Score, int Index)[candidates.Count];
        var n = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            // Without a signature there is nothing to estimate with: keep it for the exact check.
            if (!c.Fingerprint.HasSignature) { scored[n++] = (1, i); continue; }
            var jaccard = item.Fingerprint.EstimateSimilarity(c.Fingerprint);
            var containment = EstimateContainment(jaccard, item.Fingerprint.ShingleCount, c.Fingerprint.ShingleCount);
            if (jaccard >= options.SimilarityThreshold * Margin || containment >= options.ContainmentThreshold * Margin)
                scored[n++] = (Math.Max(jaccard, containment), i);
        }
        // Nearest first; equal scores in the order given (the order a stable sort keeps), so the tie-break is the caller's.
        Array.Sort(scored, 0, n, NearestFirst);
        var result = new List<DedupCandidate>(Math.Min(n, MaxVerified));
        for (var k = 0; k < n && k < MaxVerified; k++) result.Add(candidates[scored[k].Index]);
        return result;
    }

    private static readonly IComparer<(double Score, int Index)> NearestFirst = Comparer<(double Score, int Index)>.Create(
        (x, y) => x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Index.CompareTo(y.Index));

    /// <summary>|A∩B| / min(|A|,|B|) from the Jaccard estimate: |A∩B| = J(|A|+|B|)/(1+J).</summary>
    internal static double EstimateContainment(double jaccard, int a, int b)
    {
        var smaller = Math.Min(a, b);
        if (smaller <= 0) return 0;
        return Math.Min(1, jaccard * (a + b) / (1 + jaccard) / smaller);
    }
}
