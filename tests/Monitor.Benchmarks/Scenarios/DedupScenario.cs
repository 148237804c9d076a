namespace Monitor.Benchmarks.Scenarios;

/// <summary>
/// Candidate lookup latency as history grows (issue 9's "dedup" figure): the store scenario's measurement under the
/// name the issue uses, so there is one implementation. Lookups are FindCandidatesAsync with 16 band keys against
/// 10k, 100k and 1M stored items (half hits on recent items, half misses), p50 and p99 in µs; results in store.json.
/// The same lookup inside the real pipeline, with generated articles, is in the ingest scenario's stage profile.
/// </summary>
public sealed class DedupScenario : IScenario
{
    public string Name => "dedup";
    public string Description => "candidate lookup µs (p50/p99) at 10k/100k/1M stored: runs `store` [--items 1000000] [--measured 2000] [--lookups 2000] [--postgres CONNSTR]";

    public Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        // Fewer items saved one by one per checkpoint than `store` alone (2,000, not 10,000): here the lookups are the figure.
        var withDefaults = args.Contains("--measured") ? args : [.. args, "--measured", "2000"];
        return new StoreScenario().RunAsync(withDefaults, ct);
    }
}
