using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;
using Quartz;

namespace Monitor.Worker.Scheduling;

/// <summary>
/// Hourly housekeeping: band keys of items older than the dedup candidate window leave the index, so lookups and the
/// index's size stay bounded by the window, not by history. The items and their stories stay.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MaintenanceJob(IMonitorStore store, TimeProvider clock, IOptions<MonitorOptions> options, ILogger<MaintenanceJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        await JobGuard.RunAsync(logger, context, async token =>
        {
            if (store is not IStoreMaintenance maintenance) return;
            var removed = await maintenance.PruneCandidateIndexAsync(clock.GetUtcNow() - options.Value.Dedup.CandidateWindow, token);
            if (removed > 0) logger.LogInformation("Candidate index: {Count} band keys older than the window removed", removed);
        }, ct);
}
