using System.Diagnostics;
using Monitor.Benchmarks.Scenarios.Dedup;
using Monitor.Core.Dedup;

namespace Monitor.Benchmarks.Scenarios;

/// <summary>Micro-benchmark of the pure dedup steps: fingerprints per second, and the judge's time per candidate list.</summary>
public sealed class FingerprintScenario : IScenario
{
    public string Name => "fingerprint";
    public string Description => "Fingerprinter.Compute throughput and NearDuplicateJudge.FindBest time per candidate list";

    public Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var options = new DedupOptions();
        var items = DedupEvalSet.Build();
        var chars = items.Sum(i => i.Title.Length + i.Text.Length) / items.Count;

        for (var i = 0; i < 2; i++) foreach (var it in items) Fingerprinter.Compute(it.Title, it.Text, options);
        const int rounds = 20;
        var sw = Stopwatch.StartNew();
        for (var r = 0; r < rounds; r++)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var it in items) Fingerprinter.Compute(it.Title, it.Text, options);
        }
        sw.Stop();
        var perSecond = rounds * items.Count / sw.Elapsed.TotalSeconds;
        sw.Restart();
        for (var r = 0; r < rounds; r++)
            foreach (var it in items) Monitor.Core.Text.ArabicNormalizer.Normalize(it.Text);
        var normalizeMicros = sw.Elapsed.TotalMicroseconds / (rounds * items.Count);
        sw.Restart();
        for (var r = 0; r < rounds; r++)
            foreach (var it in items) Fingerprinter.Shingles(it.Title, it.Text, options);
        var shingleMicros = sw.Elapsed.TotalMicroseconds / (rounds * items.Count);

        // Candidate lists as the store would return them: the other republications of the statement plus boilerplate sharers.
        var fps = items.Select(i => Fingerprinter.Compute(i.Title, i.Text, options)).ToArray();
        var lists = items.Take(100).Select(item =>
        {
            var keys = fps[item.Id].BandKeys.ToHashSet();
            var candidates = items.Where(o => o.Id != item.Id && fps[o.Id].BandKeys.Any(keys.Contains))
                .Select(o => new DedupCandidate(o.Id, o.Id, o.Title, o.Text, fps[o.Id])).ToList();
            return (Item: new DedupCandidate(item.Id, -1, item.Title, item.Text, fps[item.Id]), Candidates: candidates);
        }).ToList();
        foreach (var (item, candidates) in lists) NearDuplicateJudge.FindBest(item, candidates, options);
        sw.Restart();
        for (var r = 0; r < 5; r++)
            foreach (var (item, candidates) in lists) NearDuplicateJudge.FindBest(item, candidates, options);
        sw.Stop();
        var judgeMicros = sw.Elapsed.TotalMicroseconds / (5 * lists.Count);
        var avgCandidates = lists.Average(l => l.Candidates.Count);

        Console.WriteLine($"Items: {items.Count}, mean {chars} chars; options: {options.ShingleSize}-word shingles, {options.NumHashes} hashes, {options.Bands}x{options.Rows} bands");
        Console.WriteLine($"Fingerprinter.Compute: {perSecond:F0} fingerprints/s ({1e6 / perSecond:F1} µs each)");
        Console.WriteLine($"  of which ArabicNormalizer.Normalize (Text/, not dedup's): {normalizeMicros:F1} µs per text");
        Console.WriteLine($"  of which cleanup + shingles (Fingerprinter.Shingles): {shingleMicros:F1} µs per item");
        Console.WriteLine($"NearDuplicateJudge.FindBest: {judgeMicros:F1} µs per candidate list (mean {avgCandidates:F1} candidates)");
        var path = ScenarioRunner.WriteJson("fingerprint", new { items = items.Count, meanChars = chars, fingerprintsPerSecond = perSecond, normalizeMicros, shingleMicros, judgeMicrosPerList = judgeMicros, meanCandidates = avgCandidates });
        Console.WriteLine($"JSON: {path}");
        return Task.FromResult(0);
    }
}
