using Monitor.Worker.Pipeline;
using Quartz;

namespace Monitor.Worker.Scheduling;

/// <summary>
/// Hourly housekeeping: band keys of items older than the dedup candidate window leave the index, so lookups and the
/// index's size stay bounded by the window, not by history. The items and their stories stay.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MaintenanceJob(CandidateWindowPruner pruner, ILogger<MaintenanceJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        await JobGuard.RunAsync(logger, context, async token => await pruner.PruneAsync(token), ct);
}
