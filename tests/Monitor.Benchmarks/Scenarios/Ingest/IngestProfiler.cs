using System.Diagnostics;
using Monitor.Benchmarks.Support;
using Monitor.Core.Dedup;
using Monitor.Core.Feeds;
using Monitor.Core.Text;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;

namespace Monitor.Benchmarks.Scenarios.Ingest;

/// <summary>
/// The profile behind the ingest figure: the same stage sequence as <see cref="ItemIngestor"/> (fingerprint, analyse and
/// tag, exact lookup, candidate lookup, judge, save), single-threaded, with a stopwatch around each stage. Tag records
/// are not built (the save gets none), which is the only difference from the real path and makes the save a little cheaper.
/// Per-stage thread CPU is only meaningful where the store's awaits complete on the calling thread (SQLite); Npgsql's
/// continuations hop threads, so for PostgreSQL only wall time is reported.
/// </summary>
internal static class IngestProfiler
{
    public sealed record StageTimes(int Articles, Dictionary<string, double> MeanMicroseconds, Dictionary<string, double> MeanCpuMicroseconds, double CandidateP50Us, double CandidateP99Us, double MeanCandidates);

    public static async Task<StageTimes> RunAsync(IMonitorStore store, TaggingRulesProvider tagging, DedupOptions dedup,
        IReadOnlyList<(SourceRecord Source, FeedEntry Entry)> work, bool threadCpuValid, CancellationToken ct)
    {
        var totals = new Dictionary<string, double>
        {
            ["fingerprint"] = 0, ["analyze+tag"] = 0, ["find exact"] = 0, ["find candidates"] = 0, ["judge"] = 0, ["save"] = 0,
        };
        var cpu = totals.Keys.ToDictionary(k => k, _ => 0.0);
        var candidateTimes = new List<double>(work.Count);
        long candidateRows = 0;
        foreach (var (source, entry) in work)
        {
            var t = Stopwatch.GetTimestamp();
            var c0 = ThreadCpu.Microseconds();
            var title = entry.Title!;
            var fingerprint = Fingerprinter.Compute(title, entry.Text, dedup);
            t = Lap(totals, cpu, "fingerprint", t, ref c0);
            tagging.Current.Match(TextAnalyzer.Analyze(title), TextAnalyzer.Analyze(entry.Text));
            t = Lap(totals, cpu, "analyze+tag", t, ref c0);
            var existing = await store.FindExactAsync(source.Id, entry.Id, entry.Link, fingerprint.ContentHash, ct);
            t = Lap(totals, cpu, "find exact", t, ref c0);
            if (existing is not null) continue;
            var published = entry.Published!.Value;
            var rows = await store.FindCandidatesAsync(fingerprint.BandKeys, published - dedup.CandidateWindow, ct);
            var lookup = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
            candidateTimes.Add(lookup);
            candidateRows += rows.Count;
            t = Lap(totals, cpu, "find candidates", t, ref c0);
            DuplicateVerdict? verdict = null;
            if (rows.Count > 0)
                verdict = NearDuplicateJudge.FindBest(new DedupCandidate(0, 0, title, entry.Text, fingerprint),
                    rows.Select(c => new DedupCandidate(c.ItemId, c.StoryId, c.Title, c.Text, new Fingerprint(c.ContentHash, c.Signature, c.ShingleCount, []))).ToList(),
                    dedup);
            t = Lap(totals, cpu, "judge", t, ref c0);
            await store.SaveItemAsync(new NewItem
            {
                SourceId = source.Id, Guid = entry.Id, Link = entry.Link, Title = title, Text = entry.Text,
                Published = published, FetchedAt = published, ContentHash = fingerprint.ContentHash,
                Signature = fingerprint.Signature, ShingleCount = fingerprint.ShingleCount, BandKeys = fingerprint.BandKeys,
            }, new StoryAssignment { StoryId = verdict?.StoryId, MatchedItemId = verdict?.ItemId, Similarity = verdict?.Similarity ?? 0, MatchKind = verdict?.Kind }, ct);
            Lap(totals, cpu, "save", t, ref c0);
        }
        candidateTimes.Sort();
        return new StageTimes(work.Count, totals.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value / work.Count, 1)),
            threadCpuValid ? cpu.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value / work.Count, 1)) : [],
            Percentile(candidateTimes, 0.50), Percentile(candidateTimes, 0.99),
            Math.Round(candidateRows / (double)Math.Max(1, candidateTimes.Count), 1));
    }

    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))], 1);

    private static long Lap(Dictionary<string, double> totals, Dictionary<string, double> cpu, string stage, long since, ref double cpuSince)
    {
        var now = Stopwatch.GetTimestamp();
        var cpuNow = ThreadCpu.Microseconds();
        totals[stage] += Stopwatch.GetElapsedTime(since, now).TotalMicroseconds;
        cpu[stage] += cpuNow - cpuSince;
        cpuSince = cpuNow;
        return now;
    }
}
