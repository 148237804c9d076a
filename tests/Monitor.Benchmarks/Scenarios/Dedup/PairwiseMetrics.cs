namespace Monitor.Benchmarks.Scenarios.Dedup;

/// <summary>Pairwise precision/recall over all item pairs: a pair is positive when both items carry the same statement.</summary>
public sealed record PairwiseMetrics(long TruePositives, long FalsePositives, long FalseNegatives, int MergedStatements, int Stories, int Statements)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <param name="labels">The statement each item carries.</param>
    /// <param name="storyOf">The story each item was put in.</param>
    public static PairwiseMetrics Compute(IReadOnlyList<string> labels, IReadOnlyList<int> storyOf)
    {
        long tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < labels.Count; i++)
            for (var j = i + 1; j < labels.Count; j++)
            {
                var same = labels[i] == labels[j];
                var together = storyOf[i] == storyOf[j];
                if (same && together) tp++;
                else if (together) fp++;
                else if (same) fn++;
            }
        // A distinct statement is "merged" when a story holds it together with another statement.
        var merged = labels.Select((l, i) => (l, s: storyOf[i]))
            .GroupBy(t => t.s)
            .Where(g => g.Select(t => t.l).Distinct().Count() > 1)
            .SelectMany(g => g.Select(t => t.l))
            .Distinct().Count();
        return new PairwiseMetrics(tp, fp, fn, merged, storyOf.Distinct().Count(), labels.Distinct().Count());
    }
}
