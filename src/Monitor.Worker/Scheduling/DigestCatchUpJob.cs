using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;
using Quartz;

namespace Monitor.Worker.Scheduling;

/// <summary>
/// Runs once at start: every subscriber whose slot passed while the service was down gets that digest now — once,
/// however many slots were missed (<c>DigestSchedule.IsDue</c> looks only at the last digest time). It first waits
/// for the opening round of polls (bounded), so the digest carries what the sources published while we were down.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DigestCatchUpJob(DigestBuilder builder, ISourceStore sources, TimeProvider clock, ILogger<DigestCatchUpJob> logger) : IJob
{
    public const string StartedAtKey = "started-at";
    public static readonly TimeSpan MaxWaitForPolls = TimeSpan.FromMinutes(2);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        await JobGuard.RunAsync(logger, context, async token =>
        {
            var started = DateTimeOffset.Parse(context.MergedJobDataMap.GetString(StartedAtKey)!, System.Globalization.CultureInfo.InvariantCulture);
            await WaitForOpeningPollsAsync(started, token);
            var summary = await builder.ComposeDueAsync(token);
            logger.LogInformation("Catch-up after start: {Composed} digests composed, {Empty} due with nothing new", summary.Composed, summary.Empty);
        }, ct);

    private async Task WaitForOpeningPollsAsync(DateTimeOffset started, CancellationToken ct)
    {
        var giveUp = clock.GetUtcNow() + MaxWaitForPolls;
        while (clock.GetUtcNow() < giveUp)
        {
            // Waiting for: sources due at start (not backing off) that have not been polled since.
            var pending = (await sources.ListSourcesAsync(ct))
                .Count(s => s.Enabled && !(s.NextPollAt > started) && !(s.LastAttemptAt >= started));
            if (pending == 0) return;
            await Task.Delay(TimeSpan.FromSeconds(1), clock, ct);
        }
        logger.LogWarning("Catch-up digests composed before every source was polled (waited {Wait})", MaxWaitForPolls);
    }
}
