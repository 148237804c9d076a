using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;
using Monitor.Worker.Fetching;
using Monitor.Worker.Mail;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Hosting;

/// <summary>Registers everything a command needs, one area per call, in pipeline order.</summary>
public static class MonitorServices
{
    public static IServiceCollection AddMonitor(this IServiceCollection services, ConfigLoader.Loaded config)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IOptions<MonitorOptions>>(Options.Create(config.Options));
        services.AddSingleton(config.Paths);
        services.AddMonitorStorage();
        services.AddMonitorFetching();
        services.AddMonitorMail();
        services.AddMonitorPipeline();
        return services;
    }

    public static IServiceCollection AddMonitorPipeline(this IServiceCollection services)
    {
        services.AddSingleton<TaggingRulesProvider>();
        services.AddSingleton<FeedReader>();
        // The shingle sets the judge remembers, bounded by Monitor:Dedup:RememberedShinglesMiB.
        services.AddSingleton(sp => new RecentShingles(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Configuration.MonitorOptions>>().Value.Dedup.RememberedShinglesMiB * 1024L * 1024));
        services.AddSingleton<ItemIngestor>();
        services.AddSingleton<SourcePoller>();
        services.AddSingleton<DigestBuilder>();
        services.AddSingleton<StoreSeeder>();
        services.AddSingleton<CycleRunner>();
        services.AddSingleton<CandidateWindowPruner>();
        services.AddSingleton<Retagger>();
        services.AddSingleton<SourceHealthReader>();
        return services;
    }
}
