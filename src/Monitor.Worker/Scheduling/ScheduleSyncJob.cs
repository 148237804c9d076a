using Quartz;

namespace Monitor.Worker.Scheduling;

/// <summary>Keeps the Quartz jobs in step with the store, so sources and subscribers added by commands or the admin
/// pages are scheduled without a restart.</summary>
[DisallowConcurrentExecution]
public sealed class ScheduleSyncJob(ScheduleSynchronizer synchronizer, ILogger<ScheduleSyncJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        await JobGuard.RunAsync(logger, context, token => synchronizer.SyncAsync(context.Scheduler, token), ct);
}
