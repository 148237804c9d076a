using System.Numerics;
using Monitor.Core.Dedup;

namespace Monitor.Benchmarks.Scenarios.Dedup;

/// <summary>How candidates are found and decided in one evaluation run.</summary>
public enum CandidateMode
{
    /// <summary>MinHash LSH band index, verified by <see cref="NearDuplicateJudge"/> (the shipped design).</summary>
    MinHashLsh,
    /// <summary>64-bit SimHash; every stored item within the Hamming radius is a candidate, verified by the judge.</summary>
    SimHash,
    /// <summary>MinHash LSH candidates decided on the signature estimate alone, without verification.</summary>
    MinHashEstimateOnly,
}

/// <summary>One join decision the clusterer made: the item, the stored item it matched and why.</summary>
public sealed record JoinRecord(int Item, int Matched, double Similarity, double Containment, string Kind);

public sealed record ClusterResult(int[] StoryOf, IReadOnlyList<JoinRecord> Joins, long CandidatesExamined);

/// <summary>
/// Streams the items through the story assignment the worker will do: fingerprint, look up the in-memory band index
/// (what the store indexes as band_key → item), judge, then join the nearest story or start one.
/// </summary>
public static class DedupClusterer
{
    public static ClusterResult Run(IReadOnlyList<EvalItem> items, DedupOptions options, CandidateMode mode, int simHashRadius = 12)
    {
        var fingerprints = items.Select(i => Fingerprinter.Compute(i.Title, i.Text, options)).ToArray();
        var simHashes = mode == CandidateMode.SimHash
            ? items.Select(i => SimHash(Fingerprinter.Shingles(i.Title, i.Text, options))).ToArray()
            : [];
        var storyOf = new int[items.Count];
        var bandIndex = new Dictionary<long, List<int>>();
        var hashIndex = new Dictionary<string, int>();
        var joins = new List<JoinRecord>();
        long examined = 0;

        for (var n = 0; n < items.Count; n++)
        {
            var fp = fingerprints[n];
            var found = new SortedSet<int>();
            if (hashIndex.TryGetValue(fp.ContentHash, out var same)) found.Add(same);
            if (mode == CandidateMode.SimHash)
            {
                for (var k = 0; k < n; k++)
                    if (fingerprints[k].HasSignature && fp.HasSignature && BitOperations.PopCount(simHashes[k] ^ simHashes[n]) <= simHashRadius) found.Add(k);
            }
            else
            {
                foreach (var key in fp.BandKeys)
                    if (bandIndex.TryGetValue(key, out var list)) found.UnionWith(list);
            }
            examined += found.Count;

            var candidates = found.Select(k => new DedupCandidate(k, storyOf[k], items[k].Title, items[k].Text, fingerprints[k])).ToList();
            var me = new DedupCandidate(n, -1, items[n].Title, items[n].Text, fp);
            var verdict = mode == CandidateMode.MinHashEstimateOnly ? ByEstimate(me, candidates, options) : NearDuplicateJudge.FindBest(me, candidates, options);
            if (verdict is null) storyOf[n] = n;
            else
            {
                storyOf[n] = (int)verdict.StoryId;
                joins.Add(new JoinRecord(n, (int)verdict.ItemId, verdict.Similarity, verdict.Containment, verdict.Kind));
            }
            hashIndex.TryAdd(fp.ContentHash, n);
            foreach (var key in fp.BandKeys)
            {
                if (!bandIndex.TryGetValue(key, out var list)) bandIndex[key] = list = [];
                list.Add(n);
            }
        }
        return new ClusterResult(storyOf, joins, examined);
    }

    private static DuplicateVerdict? ByEstimate(DedupCandidate me, List<DedupCandidate> candidates, DedupOptions options)
    {
        var best = candidates.Select(c => (c, est: me.Fingerprint.EstimateSimilarity(c.Fingerprint)))
            .OrderByDescending(t => t.est).FirstOrDefault();
        return best.c is not null && (best.est >= options.SimilarityThreshold || best.c.Fingerprint.ContentHash == me.Fingerprint.ContentHash)
            ? new DuplicateVerdict(best.c.ItemId, best.c.StoryId, best.est, double.NaN, "estimate")
            : null;
    }

    /// <summary>Charikar's SimHash over the same shingle hashes: each bit votes by the shingles' bits.</summary>
    public static ulong SimHash(ulong[] shingles)
    {
        if (shingles.Length == 0) return 0;
        Span<int> votes = stackalloc int[64];
        foreach (var s in shingles)
            for (var b = 0; b < 64; b++)
                votes[b] += ((s >> b) & 1) == 1 ? 1 : -1;
        ulong h = 0;
        for (var b = 0; b < 64; b++)
            if (votes[b] > 0) h |= 1UL << b;
        return h;
    }
}
