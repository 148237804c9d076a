using Monitor.Worker.Pipeline;
using Monitor.Worker.Scheduling;
using Quartz;

namespace Monitor.Worker.Hosting;

/// <summary>
/// At start: migrate and seed the store, then put the jobs in place — one per source and subscriber, the outbox
/// sender, the schedule synchroniser, and a one-off catch-up for digests missed while the service was down.
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
        await ScheduleRepeatingAsync<OutboxJob>(scheduler, "outbox", OutboxInterval, ct);
        await ScheduleRepeatingAsync<ScheduleSyncJob>(scheduler, "schedule-sync", SyncInterval, ct);
        await ScheduleRepeatingAsync<MaintenanceJob>(scheduler, "maintenance", MaintenanceInterval, ct);
        var catchUp = JobBuilder.Create<DigestCatchUpJob>().WithIdentity("digest-catch-up", "system")
            .UsingJobData(DigestCatchUpJob.StartedAtKey, clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Build();
        var once = TriggerBuilder.Create(clock).WithIdentity("digest-catch-up", "system").ForJob(catchUp.Key).StartAt(clock.GetUtcNow().AddSeconds(5)).Build();
        await scheduler.ScheduleJob(catchUp, once, new ScheduleJobOptions { Replace = true }, ct);
        logger.LogInformation("Scheduler ready");
    }

    private async Task ScheduleRepeatingAsync<TJob>(IScheduler scheduler, string name, TimeSpan interval, CancellationToken ct) where TJob : IJob
    {
        var job = JobBuilder.Create<TJob>().WithIdentity(name, "system").Build();
        var trigger = TriggerBuilder.Create(clock).WithIdentity(name, "system").ForJob(job.Key).StartAt(clock.GetUtcNow().Add(interval / 3))
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(job, trigger, new ScheduleJobOptions { Replace = true }, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
