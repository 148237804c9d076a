using Monitor.Worker.Pipeline;
using Quartz;

namespace Monitor.Worker.Scheduling;

/// <summary>Polls one source. One job per source; a poll that outlasts its interval is not started twice.</summary>
[DisallowConcurrentExecution]
public sealed class PollSourceJob(SourcePoller poller, ILogger<PollSourceJob> logger) : IJob
{
    public const string SourceKey = "source";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        await JobGuard.RunAsync(logger, context, async token =>
        {
            var sourceId = context.MergedJobDataMap.GetString(SourceKey)!;
            var outcome = await poller.PollAsync(sourceId, PollMode.Scheduled, token);
            logger.LogDebug("Poll job: {Outcome}", outcome);
        }, ct);
}
