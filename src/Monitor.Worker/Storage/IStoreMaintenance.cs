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
    /// The most recent polls of each source, newest first, as <see cref="GetFetchLogAsync"/> gives them one source at a
    /// time; a source with no polls has an empty list. The SQL store answers in one query (a cycle's health report
    /// asks for every source at once).
    /// </summary>
    async Task<IReadOnlyDictionary<string, IReadOnlyList<FetchLogEntry>>> GetFetchLogsAsync(
        IReadOnlyCollection<string> sourceIds, int limit, CancellationToken ct)
    {
        var logs = new Dictionary<string, IReadOnlyList<FetchLogEntry>>(StringComparer.Ordinal);
        foreach (var id in sourceIds) logs[id] = await GetFetchLogAsync(id, limit, ct);
        return logs;
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
