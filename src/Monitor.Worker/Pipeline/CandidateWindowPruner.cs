using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// Takes the band keys of items published before the dedup candidate window out of the candidate index (the items and
/// their stories stay). The long-running service does it hourly (<c>MaintenanceJob</c>); <c>once</c> does it before
/// every cycle, so a deployment driven by cron keeps its index, and SQLite's in-memory copy of it, the size of the
/// window rather than of its whole history.
/// </summary>
public sealed class CandidateWindowPruner(IMonitorStore store, TimeProvider clock, IOptions<MonitorOptions> options, ILogger<CandidateWindowPruner> logger)
{
    /// <summary>Band keys removed (0 for a store without a prunable index).</summary>
    public async Task<long> PruneAsync(CancellationToken ct)
    {
        if (store is not IStoreMaintenance maintenance) return 0;
        var removed = await maintenance.PruneCandidateIndexAsync(clock.GetUtcNow() - options.Value.Dedup.CandidateWindow, ct);
        if (removed > 0) logger.LogInformation("Candidate index: {Count} band keys older than the window removed", removed);
        return removed;
    }
}
