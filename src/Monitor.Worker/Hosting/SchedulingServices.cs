using Monitor.Worker.Configuration;
using Monitor.Worker.Scheduling;
using Npgsql;
using Quartz;

namespace Monitor.Worker.Hosting;

/// <summary>
/// Quartz with our jobs. The store is seeded and the jobs synchronised before the scheduler starts.
/// With SQLite the schedule lives in memory (one worker). With PostgreSQL it lives in the same database, in the
/// clustered ADO.NET job store: every worker sharing the database takes any job, each trigger fires on one node only,
/// and a node that stops checking in has its triggers (and its interrupted jobs that ask for recovery) taken over.
/// </summary>
public static class SchedulingServices
{
    public static IServiceCollection AddMonitorScheduling(this IServiceCollection services, MonitorOptions options)
    {
        services.AddSingleton<ScheduleSynchronizer>();
        // Runs before Quartz's hosted service (registration order): migrations and seeding first, then the jobs.
        services.AddHostedService<SchedulerBootstrap>();
        services.AddQuartz(q =>
        {
            q.UseDefaultThreadPool(options.Cluster.MaxConcurrency);
            // Every job type registered with the scheduler, not only with the container: the clustered store keeps a
            // job's type as a name, and the native build resolves a stored name only to a registered type (no
            // Type.GetType by reflection there). A node that fires a job another node scheduled needs it before
            // its own schedule synchronisation has run.
            q.AddJobType<PollSourceJob>(ServiceLifetime.Transient);
            q.AddJobType<DigestJob>(ServiceLifetime.Transient);
            q.AddJobType<DigestCatchUpJob>(ServiceLifetime.Transient);
            q.AddJobType<OutboxJob>(ServiceLifetime.Transient);
            q.AddJobType<ScheduleSyncJob>(ServiceLifetime.Transient);
            q.AddJobType<MaintenanceJob>(ServiceLifetime.Transient);
            AddIdleMemoryTrimming(services, q);
            if (IsClustered(options.Storage)) UseClusteredStore(q, options);
            else q.UseInMemoryStore();
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>Memory handed back once no job has run for a while (Monitor:Memory): the scheduler tells the trimmer of
    /// every job through the listener.</summary>
    internal static void AddIdleMemoryTrimming(IServiceCollection services, IQuartzBuilder q)
    {
        services.AddSingleton<IMemoryReleaser, MemoryReleaser>();
        services.AddSingleton<IdleMemoryTrimmer>();
        q.AddJobListener<JobActivityListener>();
    }

    /// <summary>Whether this configuration runs the clustered job store (PostgreSQL) rather than the in-memory one.</summary>
    public static bool IsClustered(StorageOptions storage) =>
        storage.Provider.Trim().ToLowerInvariant() is "postgres" or "postgresql";

    private static void UseClusteredStore(IQuartzBuilder q, MonitorOptions options)
    {
        var cluster = options.Cluster;
        // The same name on every node is what makes them one cluster (it is the sched_name column); the id is derived
        // per node (host name and start time) because UseClustering asks for a generated one.
        q.ConfigureScheduler(s => s.InstanceName = cluster.SchedulerName);
        q.UsePersistentStore(store =>
        {
            store.UsePostgres(NpgsqlFactory.Instance, options.Storage.ConnectionString!);
            store.UseSystemTextJsonSerializer();
            store.UseClustering(c =>
            {
                c.CheckinInterval = cluster.CheckinInterval;
                c.CheckinMisfireThreshold = cluster.CheckinMisfireThreshold;
            });
            store.ConfigureStore(s =>
            {
                // Our migrations create the qrtz_ tables (and never drop them); Quartz only checks they are usable.
                s.SchemaProvisioning = SchemaProvisioning.Validate;
                // Job data is strings only (source id, subscriber address, schedule spec): readable in the database
                // and immune to serializer changes between versions.
                s.StoreJobDataAsStrings = true;
            });
        });
    }
}
