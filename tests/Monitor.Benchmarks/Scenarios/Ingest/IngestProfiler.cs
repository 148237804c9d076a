using System.Diagnostics;
using Monitor.Benchmarks.Support;
using Monitor.Core.Dedup;
using Monitor.Core.Feeds;
using Monitor.Core.Text;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;
using Monitor.Worker.Storage.Sql;

namespace Monitor.Benchmarks.Scenarios.Ingest;

/// <summary>
/// The profile behind the ingest figure: the same stage sequence as <see cref="ItemIngestor"/> (analyse, fingerprint,
/// tag, exact lookup, candidate signatures, judge with the shortlist's shingles, then one batch save per poll),
/// single-threaded, with a stopwatch (and this thread's CPU and allocation) around each stage; the save is divided over
/// the poll's articles. Unlike the real path, the items of a poll are not offered to each other's judge (no effect on
/// the timing that matters here).
/// Per-stage thread CPU is only meaningful where the store's awaits complete on the calling thread (SQLite); Npgsql's
/// continuations hop threads, so for PostgreSQL only wall time is reported.
/// </summary>
internal static class IngestProfiler
{
    public sealed record StageTimes(int Articles, Dictionary<string, double> MeanMicroseconds, Dictionary<string, double> MeanCpuMicroseconds,
        Dictionary<string, double> MeanAllocatedKiB, double CandidateP50Us, double CandidateP99Us, double MeanCandidates);

    public static async Task<StageTimes> RunAsync(IMonitorStore store, TaggingRulesProvider tagging, DedupOptions dedup, RecentShingles recent,
        IReadOnlyList<IReadOnlyList<(SourceRecord Source, FeedEntry Entry)>> polls, bool threadCpuValid, CancellationToken ct)
    {
        var totals = new Dictionary<string, double>
        {
            ["analyze"] = 0, ["fingerprint"] = 0, ["tag"] = 0, ["find exact"] = 0, ["find candidates"] = 0, ["judge"] = 0, ["save"] = 0,
        };
        var cpu = totals.Keys.ToDictionary(k => k, _ => 0.0);
        var allocated = totals.Keys.ToDictionary(k => k, _ => 0.0);
        var candidateTimes = new List<double>();
        long candidateRows = 0;
        var articles = 0;
        var batches = (IItemBatchStore)store;
        var verifier = new CandidateVerifier(store, dedup, recent);
        var (hitsBefore, missesBefore) = recent.Lookups;
        // Collections and pause time during the profile: a stage's thread CPU includes the collections its allocations
        // triggered, so a change in what survives shows up in the stages that allocate most.
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        foreach (var poll in polls)
        {
            var batch = new List<(NewItem, StoryAssignment)>(poll.Count);
            var t = Stopwatch.GetTimestamp();
            var c0 = ThreadCpu.Microseconds();
            var a0 = GC.GetAllocatedBytesForCurrentThread();
            foreach (var (source, entry) in poll)
            {
                articles++;
                var title = entry.Title!;
                var analyzedTitle = TextAnalyzer.Analyze(title);
                var analyzedText = TextAnalyzer.Analyze(entry.Text);
                t = Lap(totals, cpu, allocated, "analyze", t, ref c0, ref a0);
                var fingerprint = Fingerprinter.ComputeNormalized(analyzedTitle.Normalized, analyzedText.Normalized, dedup, out var shingles);
                t = Lap(totals, cpu, allocated, "fingerprint", t, ref c0, ref a0);
                var tags = StoredTags.Of(TagMapping.ToRecords(tagging.Current.Match(analyzedTitle, analyzedText)));
                t = Lap(totals, cpu, allocated, "tag", t, ref c0, ref a0);
                var existing = await store.FindExactAsync(source.Id, entry.Id, entry.Link, fingerprint.ContentHash, ct);
                t = Lap(totals, cpu, allocated, "find exact", t, ref c0, ref a0);
                if (existing is not null) continue;
                var published = entry.Published!.Value;
                var rows = await store.FindCandidateSignaturesAsync(fingerprint.BandKeys, published - dedup.CandidateWindow, ct);
                candidateTimes.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
                candidateRows += rows.Count;
                t = Lap(totals, cpu, allocated, "find candidates", t, ref c0, ref a0);
                if (fingerprint.BandKeys.Length > 0) verifier.Remember(fingerprint, shingles);
                var verdict = await JudgeAsync(verifier, title, entry.Text, fingerprint, shingles, rows, ct);
                t = Lap(totals, cpu, allocated, "judge", t, ref c0, ref a0);
                batch.Add((new NewItem
                {
                    SourceId = source.Id, Guid = entry.Id, Link = entry.Link, Title = title, Text = entry.Text,
                    Published = published, FetchedAt = published, ContentHash = fingerprint.ContentHash,
                    Signature = fingerprint.Signature, ShingleCount = fingerprint.ShingleCount, BandKeys = fingerprint.BandKeys,
                }, new StoryAssignment { StoryId = verdict?.StoryId, MatchedItemId = verdict?.ItemId, Similarity = verdict?.Similarity ?? 0, MatchKind = verdict?.Kind, Tags = tags }));
            }
            if (batch.Count > 0) await batches.SaveItemsAsync(batch, ct);
            Lap(totals, cpu, allocated, "save", t, ref c0, ref a0);
        }
        candidateTimes.Sort();
        Console.WriteLine($"  profile: GC gen0 {GC.CollectionCount(0) - gcBefore.Item1}, gen1 {GC.CollectionCount(1) - gcBefore.Item2}, gen2 {GC.CollectionCount(2) - gcBefore.Item3}, pauses {(GC.GetTotalPauseDuration() - gcBefore.Item4).TotalMilliseconds:F0} ms");
        var (hits, misses) = recent.Lookups;
        (hits, misses) = (hits - hitsBefore, misses - missesBefore);
        Console.WriteLine($"  profile: shortlisted shingles remembered {hits:N0}, read and shingled {misses:N0}; remembered {verifier.Recent.Count:N0} sets, {verifier.Recent.Bytes / 1048576.0:N1} MiB");
        return new StageTimes(articles, totals.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value / Math.Max(1, articles), 1)),
            threadCpuValid ? cpu.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value / Math.Max(1, articles), 1)) : [],
            // Per-thread counts, as the CPU: meaningless (even negative) where the stages' awaits change threads.
            threadCpuValid ? allocated.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value / 1024 / Math.Max(1, articles), 1)) : [],
            Percentile(candidateTimes, 0.50), Percentile(candidateTimes, 0.99),
            Math.Round(candidateRows / (double)Math.Max(1, candidateTimes.Count), 1));
    }

    /// <summary>As the ingestor: shortlist on signatures, the shortlist's shingles (remembered, or from its texts), verify.</summary>
    private static async Task<DuplicateVerdict?> JudgeAsync(CandidateVerifier verifier, string title, string text,
        Fingerprint fingerprint, ulong[] shingles, IReadOnlyList<CandidateItem> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return null;
        var item = new DedupCandidate(0, 0, title, text, fingerprint) { Shingles = shingles };
        var all = rows.Select(c => c.SignatureCandidate).ToList(); // as CandidateOrder: each row's candidate, made once
        return await verifier.JudgeAsync(item, all, ct);
    }

    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))], 1);

    private static long Lap(Dictionary<string, double> totals, Dictionary<string, double> cpu, Dictionary<string, double> allocated, string stage,
        long since, ref double cpuSince, ref long allocatedSince)
    {
        var now = Stopwatch.GetTimestamp();
        var cpuNow = ThreadCpu.Microseconds();
        var allocatedNow = GC.GetAllocatedBytesForCurrentThread();
        totals[stage] += Stopwatch.GetElapsedTime(since, now).TotalMicroseconds;
        cpu[stage] += cpuNow - cpuSince;
        allocated[stage] += allocatedNow - allocatedSince;
        cpuSince = cpuNow;
        allocatedSince = allocatedNow;
        return now;
    }
}
