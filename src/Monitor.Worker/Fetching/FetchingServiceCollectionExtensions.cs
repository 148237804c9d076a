using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;

namespace Monitor.Worker.Fetching;

public static class FetchingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IFeedFetcher"/> (<see cref="HttpFeedFetcher"/>) and its singletons: the two HTTP clients
    /// (open and SSRF-guarded), the <c>Monitor:Fetch</c> validator, the shared <see cref="HostThrottle"/>, <see cref="BodyMemoryBudget"/> and <see cref="FetchMetrics"/>. Reads the
    /// <c>Monitor:Fetch</c> options; expects <see cref="MonitorOptions"/> to be configured by the host.
    /// </summary>
    public static IServiceCollection AddMonitorFetching(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MonitorOptions>, FetchOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FetchHttpClients>();
        services.TryAddSingleton<FetchMetrics>();
        services.TryAddSingleton(sp =>
        {
            var fetch = sp.GetRequiredService<IOptions<MonitorOptions>>().Value.Fetch;
            return new HostThrottle(fetch.MaxConcurrency, fetch.PerHostConcurrency, sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton(sp => new BodyMemoryBudget(sp.GetRequiredService<IOptions<MonitorOptions>>().Value.Fetch.MaxBodyBytesInFlight));
        services.TryAddSingleton<IFeedFetcher, HttpFeedFetcher>();
        return services;
    }
}
