using Monitor.Worker.Pipeline;
using Monitor.Worker.Scheduling;
using Quartz;

namespace Monitor.Worker.Hosting;

/// <summary>Quartz with our jobs. The store is seeded and the jobs synchronised before the scheduler starts.</summary>
public static class SchedulingServices
{
    public static IServiceCollection AddMonitorScheduling(this IServiceCollection services)
    {
        services.AddSingleton<ScheduleSynchronizer>();
        services.AddTransient<PollSourceJob>();
        services.AddTransient<DigestJob>();
        services.AddTransient<DigestCatchUpJob>();
        services.AddTransient<OutboxJob>();
        services.AddTransient<ScheduleSyncJob>();
        services.AddTransient<MaintenanceJob>();
        // Runs before Quartz's hosted service (registration order): migrations and seeding first, then the jobs.
        services.AddHostedService<SchedulerBootstrap>();
        services.AddQuartz(q =>
        {
            q.UseInMemoryStore();
            q.UseDefaultThreadPool(Math.Max(4, Environment.ProcessorCount * 2));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
