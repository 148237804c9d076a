using System.Globalization;
using Monitor.Benchmarks.Scenarios.Dedup;
using Monitor.Core.Dedup;

namespace Monitor.Benchmarks.Scenarios;

/// <summary>
/// Issue 5's evaluation: distinct statements, each republished the ways outlets do, streamed through the story
/// assignment; prints pairwise precision/recall/F1, merged distinct statements, detection per republication kind and
/// the worst errors, for the shipped settings and the alternatives considered (SimHash, other shingle sizes and bands,
/// no verification).
/// </summary>
public sealed class DedupEvalScenario : IScenario
{
    public string Name => "dedup-eval";
    public string Description => "Near-duplicate stories on the labelled republication set: P/R/F1, merges, worst errors";

    public Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var items = DedupEvalSet.Build();
        var labels = items.Select(i => i.Label).ToList();
        Console.WriteLine($"Evaluation set: {labels.Distinct().Count()} distinct statements, {items.Count} items, " +
                          $"{CountPositivePairs(labels)} same-statement pairs of {(long)items.Count * (items.Count - 1) / 2} pairs.");
        Console.WriteLine();

        var configs = new List<(string Name, DedupOptions Options, CandidateMode Mode)>
        {
            ("minhash 2-shingles 40x3 (default)", new DedupOptions(), CandidateMode.MinHashLsh),
            ("minhash 3-shingles 40x3", new DedupOptions { ShingleSize = 3 }, CandidateMode.MinHashLsh),
            ("minhash 4-shingles 40x3", new DedupOptions { ShingleSize = 4 }, CandidateMode.MinHashLsh),
            ("minhash 2-shingles 20x5", new DedupOptions { NumHashes = 100, Bands = 20, Rows = 5 }, CandidateMode.MinHashLsh),
            ("minhash 2-shingles 60x2", new DedupOptions { Bands = 60, Rows = 2 }, CandidateMode.MinHashLsh),
            ("minhash, estimate only (no verify)", new DedupOptions(), CandidateMode.MinHashEstimateOnly),
            ("simhash-64 r<=12 + verify", new DedupOptions(), CandidateMode.SimHash),
            ("no boilerplate discount", new DedupOptions { BoilerplateStories = int.MaxValue }, CandidateMode.MinHashLsh),
        };

        Console.WriteLine($"{"configuration",-36} {"precision",9} {"recall",7} {"F1",6} {"merged",6} {"stories",7} {"cand/item",9}");
        var rows = new List<object>();
        ClusterResult? shipped = null;
        foreach (var (name, options, mode) in configs)
        {
            ct.ThrowIfCancellationRequested();
            var result = DedupClusterer.Run(items, options, mode);
            shipped ??= result;
            var m = PairwiseMetrics.Compute(labels, result.StoryOf);
            var perItem = (double)result.CandidatesExamined / items.Count;
            Console.WriteLine($"{name,-36} {m.Precision,9:F4} {m.Recall,7:F4} {m.F1,6:F4} {m.MergedStatements,6} {m.Stories,7} {perItem,9:F1}");
            rows.Add(new { name, mode = mode.ToString(), m.Precision, m.Recall, m.F1, merged = m.MergedStatements, m.Stories, candidatesPerItem = perItem });
        }

        var report = DedupEvalReport.Describe(items, shipped!, new DedupOptions());
        Console.WriteLine();
        Console.WriteLine(report.Text);
        var path = ScenarioRunner.WriteJson("dedup-eval", new { items = items.Count, statements = labels.Distinct().Count(), rows, report.PerKind, report.WorstFalseJoins, report.WorstMisses });
        Console.WriteLine($"JSON: {path}");
        var goal = PairwiseMetrics.Compute(labels, shipped!.StoryOf);
        Console.WriteLine(goal.F1 >= 0.95 && goal.MergedStatements == 0
            ? string.Create(CultureInfo.InvariantCulture, $"Goal met: F1 {goal.F1:F4} >= 0.95 with no merged distinct statements.")
            : string.Create(CultureInfo.InvariantCulture, $"Goal NOT met: F1 {goal.F1:F4}, merged statements {goal.MergedStatements}."));
        return Task.FromResult(0);
    }

    private static long CountPositivePairs(IReadOnlyList<string> labels) =>
        labels.GroupBy(l => l).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
}
