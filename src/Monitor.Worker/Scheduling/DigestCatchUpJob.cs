using Monitor.Worker.Pipeline;
using Quartz;

namespace Monitor.Worker.Scheduling;

/// <summary>
/// Runs once at start: every subscriber whose slot passed while the service was down gets that digest now — once,
/// however many slots were missed (<c>DigestSchedule.IsDue</c> looks only at the last digest time).
/// </summary>
[DisallowConcurrentExecution]
public sealed class DigestCatchUpJob(DigestBuilder builder, ILogger<DigestCatchUpJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        await JobGuard.RunAsync(logger, context, async token =>
        {
            var summary = await builder.ComposeDueAsync(token);
            if (summary.Composed > 0) logger.LogInformation("Catch-up composed {Count} digests missed while stopped", summary.Composed);
        }, ct);
}
