namespace Monitor.Worker.Storage;

/// <summary>One recorded poll of a source, for the operators' pages (items per day, recent errors).</summary>
public sealed record FetchLogEntry(string SourceId, DateTimeOffset At, bool Success, int NewItems, string? Error);

/// <summary>
/// Housekeeping beyond the core contract, implemented by both stores. Kept apart from <see cref="IMonitorStore"/>
/// so the contract stays as agreed; resolve it from DI or cast the store.
/// </summary>
public interface IStoreMaintenance
{
    /// <summary>The most recent polls of a source, newest first (the store keeps the last <see cref="FetchLogLimit"/>).</summary>
    Task<IReadOnlyList<FetchLogEntry>> GetFetchLogAsync(string sourceId, int limit, CancellationToken ct);

    /// <summary>
    /// For each source, the times of the successful polls that brought new entries among its last <paramref name="depth"/>
    /// polls, newest first (what a source's rhythm is read from); a source without such polls has an empty list. The
    /// SQL store answers for every source in one query (a cycle's health report asks for all at once) and returns only
    /// those polls, not the whole log.
    /// </summary>
    async Task<IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>>> GetArrivalsAsync(
        IReadOnlyCollection<string> sourceIds, int depth, CancellationToken ct)
    {
        var arrivals = new Dictionary<string, IReadOnlyList<DateTimeOffset>>(StringComparer.Ordinal);
        foreach (var id in sourceIds)
            arrivals[id] = (await GetFetchLogAsync(id, depth, ct)).Where(e => e.Success && e.NewItems > 0).Select(e => e.At).ToList();
        return arrivals;
    }

    /// <summary>
    /// Drops band keys of items published before <paramref name="olderThan"/> from the candidate index (the items stay).
    /// Lookups already ignore them by window; this keeps the index small. Returns the number of keys removed.
    /// </summary>
    Task<long> PruneCandidateIndexAsync(DateTimeOffset olderThan, CancellationToken ct);

    /// <summary>
    /// Gives back the memory the store keeps between uses (SQLite: the writer's page cache, the pooled readers), called
    /// when the service has gone quiet; skipped when a write is under way. The next use refills what it needs.
    /// </summary>
    void ReleaseIdleMemory();

    const int FetchLogLimit = 100;
}
