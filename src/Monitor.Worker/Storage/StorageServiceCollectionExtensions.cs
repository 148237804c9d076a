using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;

namespace Monitor.Worker.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store chosen by Monitor:Storage as one singleton behind <see cref="IMonitorStore"/>, its four
    /// parts, <see cref="IStoreMaintenance"/> and <see cref="IItemBatchStore"/>. Needs <see cref="MonitorPaths"/> registered. Schema migration is the
    /// caller's step at start (<see cref="IMonitorStore.MigrateAsync"/>).
    /// </summary>
    public static IServiceCollection AddMonitorStorage(this IServiceCollection services)
    {
        services.AddSingleton<IMonitorStore>(sp =>
        {
            var log = sp.GetService<ILoggerFactory>()?.CreateLogger("Monitor.Storage");
            return StoreFactory.Create(
                sp.GetRequiredService<IOptions<MonitorOptions>>().Value.Storage,
                sp.GetRequiredService<MonitorPaths>(),
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                StoreFactory.DefaultBusyTimeout,
                log is null ? null : message => log.LogWarning("{Message}", message));
        });
        services.AddSingleton<ISourceStore>(sp => sp.GetRequiredService<IMonitorStore>());
        services.AddSingleton<IItemStore>(sp => sp.GetRequiredService<IMonitorStore>());
        services.AddSingleton<ISubscriberStore>(sp => sp.GetRequiredService<IMonitorStore>());
        services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<IMonitorStore>());
        services.AddSingleton<IStoreMaintenance>(sp => (IStoreMaintenance)sp.GetRequiredService<IMonitorStore>());
        services.AddSingleton<IItemBatchStore>(sp => (IItemBatchStore)sp.GetRequiredService<IMonitorStore>());
        return services;
    }
}
