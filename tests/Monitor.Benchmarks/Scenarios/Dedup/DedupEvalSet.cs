namespace Monitor.Benchmarks.Scenarios.Dedup;

/// <summary>The labelled items: every statement in all its republications, plus seed 003's own garbled copy and the
/// seed file whole (both halves), shuffled with a fixed seed so arrival order is neither "original first" nor random per run.</summary>
public static class DedupEvalSet
{
    public static IReadOnlyList<EvalItem> Build()
    {
        var generator = new RepublicationGenerator(EvalCorpus.Framing());
        var raw = new List<(string Label, string Variant, string Title, string Text)>();
        var statements = EvalCorpus.Statements();
        for (var i = 0; i < statements.Count; i++)
            foreach (var (variant, title, text) in generator.Variants(statements[i], 1000 + i))
                raw.Add((statements[i].Label, variant, title, text));

        var (garbledTitle, garbledText) = EvalCorpus.Seed003GarbledCopy();
        raw.Add(("seed-003", "seed-garbled-copy", garbledTitle, garbledText));
        var whole = File.ReadAllText(Directory.GetFiles(EvalPaths.Seeds, "003_*.txt").Single());
        raw.Add(("seed-003", "seed-file-whole", garbledTitle, whole));

        var rng = new Random(42);
        var order = raw.OrderBy(_ => rng.Next()).ToList();
        return order.Select((r, id) => new EvalItem(id, r.Label, r.Variant, r.Title, r.Text)).ToList();
    }
}
