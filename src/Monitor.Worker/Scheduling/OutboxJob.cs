using Monitor.Worker.Mail;
using Quartz;

namespace Monitor.Worker.Scheduling;

/// <summary>Delivers what is due in the outbox (new digests and retries after backoff).</summary>
[DisallowConcurrentExecution]
public sealed class OutboxJob(OutboxSender outbox, ILogger<OutboxJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        await JobGuard.RunAsync(logger, context, async token =>
        {
            var summary = await outbox.SendDueAsync(token);
            if (summary.Sent + summary.Retried + summary.Failed > 0)
                logger.LogInformation("Outbox: {Sent} sent, {Retried} to retry, {Failed} failed", summary.Sent, summary.Retried, summary.Failed);
        }, ct);
}
