using System.Diagnostics;
using Monitor.Benchmarks.Scenarios.Dedup;
using Monitor.Benchmarks.Support;
using Monitor.Core.Dedup;

namespace Monitor.Benchmarks.Scenarios;

/// <summary>Micro-benchmark of the pure dedup steps: fingerprints per second, and the judge's time per candidate list.</summary>
public sealed class FingerprintScenario : IScenario
{
    public string Name => "fingerprint";
    public string Description => "Fingerprinter.Compute throughput and NearDuplicateJudge.FindBest time per candidate list [--loop SECONDS: only shingle and judge, for a profiler]";

    public Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var options = new DedupOptions();
        var items = DedupEvalSet.Build();
        var chars = items.Sum(i => i.Title.Length + i.Text.Length) / items.Count;
        if (Args.Int(args, "--loop", 0) is var loopSeconds and > 0) return Task.FromResult(Loop(items, CandidateLists(items, options), options, loopSeconds, ct));

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
        // Wall time and this thread's CPU: on a machine shared with other builds the CPU figure is the one to compare.
        foreach (var it in items) Fingerprinter.Shingles(it.Title, it.Text, options);
        sw.Restart();
        var cpu = ThreadCpu.Microseconds();
        for (var r = 0; r < rounds; r++)
            foreach (var it in items) Fingerprinter.Shingles(it.Title, it.Text, options);
        var shingleMicros = sw.Elapsed.TotalMicroseconds / (rounds * items.Count);
        var shingleCpuMicros = (ThreadCpu.Microseconds() - cpu) / (rounds * items.Count);

        var lists = CandidateLists(items, options);
        // Warm-up long enough for the tiered JIT to have optimised the judge before it is timed.
        for (var r = 0; r < 3; r++)
            foreach (var (item, candidates) in lists) NearDuplicateJudge.FindBest(item, candidates, options);
        const int judgeRounds = 20;
        sw.Restart();
        cpu = ThreadCpu.Microseconds();
        for (var r = 0; r < judgeRounds; r++)
            foreach (var (item, candidates) in lists) NearDuplicateJudge.FindBest(item, candidates, options);
        sw.Stop();
        var judgeMicros = sw.Elapsed.TotalMicroseconds / (judgeRounds * lists.Count);
        var judgeCpuMicros = (ThreadCpu.Microseconds() - cpu) / (judgeRounds * lists.Count);
        var avgCandidates = lists.Average(l => l.Candidates.Count);

        Console.WriteLine($"Items: {items.Count}, mean {chars} chars; options: {options.ShingleSize}-word shingles, {options.NumHashes} hashes, {options.Bands}x{options.Rows} bands");
        Console.WriteLine($"Fingerprinter.Compute: {perSecond:F0} fingerprints/s ({1e6 / perSecond:F1} µs each)");
        Console.WriteLine($"  of which ArabicNormalizer.Normalize (Text/, not dedup's): {normalizeMicros:F1} µs per text");
        Console.WriteLine($"  of which cleanup + shingles (Fingerprinter.Shingles): {shingleMicros:F1} µs per item ({shingleCpuMicros:F1} µs CPU)");
        Console.WriteLine($"NearDuplicateJudge.FindBest: {judgeMicros:F1} µs per candidate list ({judgeCpuMicros:F1} µs CPU; mean {avgCandidates:F1} candidates)");
        var path = ScenarioRunner.WriteJson("fingerprint", new { items = items.Count, meanChars = chars, fingerprintsPerSecond = perSecond, normalizeMicros, shingleMicros, shingleCpuMicros, judgeMicrosPerList = judgeMicros, judgeCpuMicrosPerList = judgeCpuMicros, meanCandidates = avgCandidates });
        Console.WriteLine($"JSON: {path}");
        return Task.FromResult(0);
    }

    /// <summary>Candidate lists as the store would return them: the other republications of the statement plus boilerplate sharers.</summary>
    private static List<(DedupCandidate Item, List<DedupCandidate> Candidates)> CandidateLists(IReadOnlyList<EvalItem> items, DedupOptions options)
    {
        var fps = items.Select(i => Fingerprinter.Compute(i.Title, i.Text, options)).ToArray();
        return items.Take(100).Select(item =>
        {
            var keys = fps[item.Id].BandKeys.ToHashSet();
            var candidates = items.Where(o => o.Id != item.Id && fps[o.Id].BandKeys.Any(keys.Contains))
                .Select(o => new DedupCandidate(o.Id, o.Id, o.Title, o.Text, fps[o.Id])).ToList();
            return (Item: new DedupCandidate(item.Id, -1, item.Title, item.Text, fps[item.Id]), Candidates: candidates);
        }).ToList();
    }

    /// <summary>Shingling and judging only, for <paramref name="seconds"/>: long enough for a sampling profiler (perf)
    /// to see steady-state code rather than start-up and JIT.</summary>
    private static int Loop(IReadOnlyList<EvalItem> items, List<(DedupCandidate Item, List<DedupCandidate> Candidates)> lists,
        DedupOptions options, int seconds, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        long shingled = 0, judged = 0;
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var it in items) { Fingerprinter.Shingles(it.Title, it.Text, options); shingled++; }
            foreach (var (item, candidates) in lists) { NearDuplicateJudge.FindBest(item, candidates, options); judged++; }
        }
        Console.WriteLine($"loop: {shingled} texts shingled, {judged} lists judged in {sw.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
}
