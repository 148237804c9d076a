using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>
    /// Registers the unsubscribe token signer (secret from configuration, else data/unsubscribe.key), the transport
    /// factory chosen by Monitor:Mail:Transport, and the <see cref="OutboxSender"/>. Expects
    /// <c>IOptions&lt;MonitorOptions&gt;</c>, <see cref="MonitorPaths"/> and the store to be registered by the host.
    /// </summary>
    public static IServiceCollection AddMonitorMail(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MonitorOptions>>().Value.Mail;
            var paths = sp.GetRequiredService<MonitorPaths>();
            return new UnsubscribeTokens(UnsubscribeTokens.LoadOrCreateSecret(options.UnsubscribeSecret, paths.DataFolder));
        });
        services.TryAddSingleton<IMailTransportFactory>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MonitorOptions>>().Value.Mail;
            var paths = sp.GetRequiredService<MonitorPaths>();
            return new MailTransportFactory(options, paths.UnderData(options.PickupFolder), sp.GetRequiredService<ILoggerFactory>());
        });
        services.TryAddSingleton(sp => new OutboxSender(
            sp.GetService<IOutboxStore>() ?? sp.GetRequiredService<IMonitorStore>(),
            sp.GetRequiredService<IMailTransportFactory>(),
            sp.GetRequiredService<IOptions<MonitorOptions>>().Value.Mail,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OutboxSender>>()));
        return services;
    }
}
