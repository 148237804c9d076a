using Monitor.Core.Digests;
using Monitor.Worker.Storage;
using Quartz;

namespace Monitor.Worker.Scheduling;

/// <summary>
/// Makes the Quartz jobs match the store: one poll job per enabled source (on its interval), one digest job per active
/// subscriber (a cron trigger in the subscriber's time zone). Each job carries a "spec" of its schedule; only a job
/// whose spec changed is replaced, so syncing every minute does not disturb the timing of the others.
/// In a cluster every node runs this at start (and one node each minute): a replace is one store operation under
/// Quartz's lock, so nodes syncing the same jobs at once cannot collide, and equal specs leave triggers untouched.
/// Poll and digest jobs ask for recovery: if the node running one dies, another node re-runs it after the check-in
/// timeout (a re-run poll skips a source whose poll was already recorded; a re-run digest finds its slot composed).
/// </summary>
public sealed class ScheduleSynchronizer(IMonitorStore store, TimeProvider clock, ILogger<ScheduleSynchronizer> logger)
{
    public const string SourceGroup = "poll";
    public const string DigestGroup = "digest";
    public const string SpecKey = "spec";
    // Part of every spec: bumping it makes the next sync replace jobs stored by an older build (e.g. without recovery).
    private const string SpecVersion = "v2";

    public async Task SyncAsync(IScheduler scheduler, CancellationToken ct)
    {
        var wanted = new Dictionary<JobKey, (string Spec, Func<(IJobDetail, ITrigger)> Build)>();
        foreach (var source in await store.ListSourcesAsync(ct))
        {
            if (!source.Enabled) continue;
            var key = new JobKey(source.Id, SourceGroup);
            var spec = $"{SpecVersion} every {source.Interval}";
            wanted[key] = (spec, () => PollJob(key, source.Id, spec, source.Interval));
        }
        foreach (var subscriber in await store.ListSubscribersAsync(ct))
        {
            if (!subscriber.Active) continue;
            if (!DigestSchedule.TryParse(subscriber.Frequency, subscriber.TimeZone, out var schedule, out var error))
            {
                logger.LogError("Subscriber {SubscriberId} not scheduled: {Error}", subscriber.Id, error);
                continue;
            }
            var key = new JobKey(subscriber.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), DigestGroup);
            var spec = $"{SpecVersion} {schedule!.CronExpression} {schedule.Zone.Id}";
            wanted[key] = (spec, () => DigestJobFor(key, subscriber.Email, spec, schedule));
        }

        foreach (var group in new[] { SourceGroup, DigestGroup })
        {
            foreach (var key in await JobKeysAsync(scheduler, group, ct))
            {
                if (wanted.ContainsKey(key)) continue;
                await scheduler.DeleteJob(key, ct);
                logger.LogInformation("Unscheduled {Job}", key);
            }
        }
        foreach (var (key, (spec, build)) in wanted)
        {
            var existing = await scheduler.GetJobDetail(key, ct);
            if (existing is not null && existing.JobDataMap.GetString(SpecKey) == spec) continue;
            var (job, trigger) = build();
            await scheduler.ScheduleJob(job, trigger, new ScheduleJobOptions { Replace = true }, ct);
            logger.LogInformation("Scheduled {Job}: {Spec}", key, spec);
        }
    }

    private static async Task<List<JobKey>> JobKeysAsync(IScheduler scheduler, string group, CancellationToken ct)
    {
        var keys = new List<JobKey>();
        const int page = 500;
        while (true)
        {
            var result = await scheduler.QueryJobs(new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(group), Skip = keys.Count, Take = page }, ct);
            keys.AddRange(result.Items.Select(h => h.Key));
            if (!result.HasMore || result.Items.Count == 0) return keys;
        }
    }

    private (IJobDetail, ITrigger) PollJob(JobKey key, string sourceId, string spec, TimeSpan interval)
    {
        var job = JobBuilder.Create<PollSourceJob>().WithIdentity(key).RequestRecovery()
            .UsingJobData(PollSourceJob.SourceKey, sourceId).UsingJobData(SpecKey, spec).Build();
        // Spread the first polls over a few seconds so a restart does not hit every host at once.
        var start = clock.GetUtcNow().AddMilliseconds(Random.Shared.Next(0, 5000));
        var trigger = TriggerBuilder.Create(clock).WithIdentity(key.Name, key.Group).ForJob(key).StartAt(start)
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        return (job, trigger);
    }

    private (IJobDetail, ITrigger) DigestJobFor(JobKey key, string email, string spec, DigestSchedule schedule)
    {
        var job = JobBuilder.Create<DigestJob>().WithIdentity(key).RequestRecovery()
            .UsingJobData(DigestJob.SubscriberKey, email).UsingJobData(SpecKey, spec).Build();
        // A slot missed while every worker was down fires once on recovery, not once per missed slot.
        var trigger = TriggerBuilder.Create(clock).WithIdentity(key.Name, key.Group).ForJob(key)
            .WithCronSchedule(schedule.CronExpression, c => c.InTimeZone(schedule.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        return (job, trigger);
    }
}
