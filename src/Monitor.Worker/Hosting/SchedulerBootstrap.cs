using Monitor.Worker.Pipeline;
using Monitor.Worker.Scheduling;
using Quartz;

namespace Monitor.Worker.Hosting;

/// <summary>
/// At start: migrate and seed the store, then put the jobs in place — one per source and subscriber, the outbox
/// sender, the schedule synchroniser, and a one-off catch-up for digests missed while the service was down.
/// In a cluster every node does this against the same job store: the repeating system jobs are only stored when
/// missing or different (so a node joining does not reset the others' timing), and every write is an upsert.
/// </summary>
public sealed class SchedulerBootstrap(StoreSeeder seeder, ISchedulerFactory factory, ScheduleSynchronizer synchronizer, TimeProvider clock, ILogger<SchedulerBootstrap> logger) : IHostedService
{
    public static readonly TimeSpan OutboxInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan SyncInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaintenanceInterval = TimeSpan.FromHours(1);

    public async Task StartAsync(CancellationToken ct)
    {
        await seeder.SeedAsync(ct);
        var scheduler = await factory.GetScheduler(ct);
        await synchronizer.SyncAsync(scheduler, ct);
        await EnsureRepeatingAsync<OutboxJob>(scheduler, "outbox", OutboxInterval, ct);
        await EnsureRepeatingAsync<ScheduleSyncJob>(scheduler, "schedule-sync", SyncInterval, ct);
        await EnsureRepeatingAsync<MaintenanceJob>(scheduler, "maintenance", MaintenanceInterval, ct);
        // Composing is idempotent (the outbox key is subscriber + window start), so each node starting may ask for a catch-up.
        var catchUp = JobBuilder.Create<DigestCatchUpJob>().WithIdentity("digest-catch-up", "system")
            .UsingJobData(DigestCatchUpJob.StartedAtKey, clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Build();
        var once = TriggerBuilder.Create(clock).WithIdentity("digest-catch-up", "system").ForJob(catchUp.Key).StartAt(clock.GetUtcNow().AddSeconds(5)).Build();
        await scheduler.ScheduleJob(catchUp, once, new ScheduleJobOptions { Replace = true }, ct);
        logger.LogInformation("Scheduler ready: node {InstanceId} of {SchedulerName}", scheduler.SchedulerInstanceId, scheduler.SchedulerName);
    }

    private async Task EnsureRepeatingAsync<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(
        System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors
        | System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties
        | System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.Interfaces)] TJob>(IScheduler scheduler, string name, TimeSpan interval, CancellationToken ct) where TJob : IJob
    {
        var key = new JobKey(name, "system");
        var spec = $"every {interval}";
        var existing = await scheduler.GetJobDetail(key, ct);
        if (existing is not null && existing.JobDataMap.GetString(ScheduleSynchronizer.SpecKey) == spec
            && await scheduler.GetTrigger(new TriggerKey(name, "system"), ct) is not null) return;
        var job = JobBuilder.Create<TJob>().WithIdentity(key).UsingJobData(ScheduleSynchronizer.SpecKey, spec).Build();
        var trigger = TriggerBuilder.Create(clock).WithIdentity(name, "system").ForJob(key).StartAt(clock.GetUtcNow().Add(interval / 3))
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(job, trigger, new ScheduleJobOptions { Replace = true }, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
