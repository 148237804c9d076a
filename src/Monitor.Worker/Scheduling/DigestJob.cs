using Monitor.Worker.Mail;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;
using Quartz;

namespace Monitor.Worker.Scheduling;

/// <summary>Composes one subscriber's digest at their scheduled time (in their time zone), then delivers the outbox.</summary>
[DisallowConcurrentExecution]
public sealed class DigestJob(ISubscriberStore subscribers, DigestBuilder builder, OutboxSender outbox, ILogger<DigestJob> logger) : IJob
{
    public const string SubscriberKey = "subscriber";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        await JobGuard.RunAsync(logger, context, async token =>
        {
            var email = context.MergedJobDataMap.GetString(SubscriberKey)!;
            var subscriber = await subscribers.GetSubscriberAsync(email, token);
            if (subscriber is null || !subscriber.Active) return;
            await builder.ComposeForAsync(subscriber, force: false, token);
            await outbox.SendDueAsync(token);
        }, ct);
}
