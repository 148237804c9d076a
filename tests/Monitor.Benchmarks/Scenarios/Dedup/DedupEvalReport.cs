using System.Text;
using Monitor.Core.Dedup;

namespace Monitor.Benchmarks.Scenarios.Dedup;

/// <summary>Per-kind detection and the worst errors of one clustering run, as text and as rows for JSON.</summary>
public sealed record DedupEvalReport(string Text, object PerKind, object WorstFalseJoins, object WorstMisses)
{
    public static DedupEvalReport Describe(IReadOnlyList<EvalItem> items, ClusterResult result, DedupOptions options, int worst = 8)
    {
        var sb = new StringBuilder();
        // The statement's story is the one holding most of its items; an item elsewhere was missed.
        var home = items.GroupBy(i => i.Label).ToDictionary(g => g.Key,
            g => g.GroupBy(i => result.StoryOf[i.Id]).OrderByDescending(s => s.Count()).First().Key);

        var perKind = items.GroupBy(i => i.Variant).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new { kind = g.Key, items = g.Count(), inStatementStory = g.Count(i => result.StoryOf[i.Id] == home[i.Label]) })
            .ToList();
        sb.AppendLine("Detection per republication kind (items in their statement's story):");
        foreach (var k in perKind) sb.AppendLine($"  {k.kind,-20} {k.inStatementStory,3}/{k.items}");

        var falseJoins = result.Joins.Where(j => items[j.Item].Label != items[j.Matched].Label)
            .OrderByDescending(j => j.Similarity).Take(worst)
            .Select(j => new { item = Describe(items[j.Item]), matched = Describe(items[j.Matched]), j.Similarity, j.Containment, j.Kind })
            .ToList();
        sb.AppendLine();
        sb.AppendLine($"Worst false joins ({result.Joins.Count(j => items[j.Item].Label != items[j.Matched].Label)} in all):");
        foreach (var f in falseJoins) sb.AppendLine($"  {f.item} -> {f.matched}  J={f.Similarity:F3} C={f.Containment:F3} {f.Kind}");

        var misses = items.Where(i => result.StoryOf[i.Id] != home[i.Label])
            .Select(i =>
            {
                var original = items.First(o => o.Label == i.Label && o.Variant == "original");
                var (j, c) = Overlap(i, original, options);
                return new { item = Describe(i), original = Describe(original), similarity = j, containment = c };
            })
            .OrderBy(m => Math.Max(m.similarity, m.containment)).Take(worst).ToList();
        sb.AppendLine();
        sb.AppendLine($"Worst misses ({items.Count(i => result.StoryOf[i.Id] != home[i.Label])} items outside their statement's story; overlap with the original):");
        foreach (var m in misses) sb.AppendLine($"  {m.item} vs {m.original}  J={m.similarity:F3} C={m.containment:F3}");
        return new DedupEvalReport(sb.ToString(), perKind, falseJoins, misses);
    }

    private static string Describe(EvalItem i) => $"#{i.Id} {i.Label}/{i.Variant}";

    private static (double Jaccard, double Containment) Overlap(EvalItem a, EvalItem b, DedupOptions options)
    {
        var x = Fingerprinter.Shingles(a.Title, a.Text, options);
        var y = Fingerprinter.Shingles(b.Title, b.Text, options);
        if (x.Length == 0 || y.Length == 0) return (0, 0);
        var shared = x.Intersect(y).Count();
        return ((double)shared / (x.Length + y.Length - shared), (double)shared / Math.Min(x.Length, y.Length));
    }
}
