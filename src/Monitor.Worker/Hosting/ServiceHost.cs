using Monitor.Worker.Configuration;
using Monitor.Worker.Mail;
using Monitor.Worker.Web;
using Monitor.Worker.Web.Admin;

namespace Monitor.Worker.Hosting;

/// <summary>
/// The long-running service: the pipeline and Quartz, plus Kestrel (loopback by default) for the unsubscribe link,
/// health and admin pages when Monitor:Web:Enabled. With the web off nothing listens, so the host is the generic one
/// and ASP.NET Core (Kestrel, routing, authentication, data protection) is never loaded: a smaller resident set
/// for a poller that only fetches and mails (docs/performance.md, "Idle memory: what is loaded and why").
/// </summary>
public static class ServiceHost
{
    /// <summary>The host <c>monitor run</c> runs: with the web endpoint when it is enabled, without it otherwise.</summary>
    public static IHost Create(ConfigLoader.Loaded config, bool verbose) =>
        config.Options.Web.Enabled ? Build(config, verbose) : BuildWithoutWeb(config, verbose);

    /// <summary>The service with the web endpoint (whatever Monitor:Web:Enabled says: tests host the pages this way).</summary>
    public static WebApplication Build(ConfigLoader.Loaded config, bool verbose)
    {
        // The slim builder: no IIS integration, HTTP/3 (QUIC) transport, host filtering or debug/event-source log
        // providers, which this service never uses and which the full builder loads at start. HTTPS endpoints in
        // Monitor:Web:Urls keep working through the Kestrel HTTPS configuration added below.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetDirectoryName(config.ConfigFile) });
        builder.WebHost.UseKestrelHttpsConfiguration();
        Configure(builder.Configuration, builder.Logging, builder.Services, config, verbose);
        builder.Services.AddAdminSecurity(config.Paths);
        builder.WebHost.UseUrls(config.Options.Web.Enabled ? config.Options.Web.Urls : "http://127.0.0.1:0");

        var app = builder.Build();
        StartTelemetry(app.Lifetime, app.Logger, config.Options);
        LogAdminState(app, config.Options.Web);
        app.UseAdminGate();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealth();
        app.MapUnsubscribe();
        app.MapAdmin();
        return app;
    }

    /// <summary>The service without a web endpoint: scheduler, pipeline and outbox only.</summary>
    public static IHost BuildWithoutWeb(ConfigLoader.Loaded config, bool verbose)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Path.GetDirectoryName(config.ConfigFile),
            DisableDefaults = true,
        });
        Configure(builder.Configuration, builder.Logging, builder.Services, config, verbose);
        var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Monitor.Worker.Hosting.ServiceHost");
        StartTelemetry(host.Services.GetRequiredService<IHostApplicationLifetime>(), logger, config.Options);
        logger.LogInformation("Web endpoint disabled (Monitor:Web:Enabled=false): no unsubscribe link, health or admin pages are served");
        return host;
    }

    /// <summary>What both hosts share: the configuration file (reloaded on change), console logging, the pipeline and Quartz.</summary>
    private static void Configure(IConfigurationManager configuration, ILoggingBuilder logging, IServiceCollection services,
        ConfigLoader.Loaded config, bool verbose)
    {
        configuration.Sources.Clear();
        configuration.AddMonitorSources(config.ConfigFile, reloadOnChange: true);
        logging.ClearProviders();
        logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-dd HH:mm:ss "; });
        logging.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Quartz", LogLevel.Warning);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        services.AddMonitor(config);
        services.AddMonitorScheduling(config.Options);
    }

    private static void StartTelemetry(IHostApplicationLifetime lifetime, ILogger logger, MonitorOptions options)
    {
        // As IDisposable: this method then names no OpenTelemetry type, so nothing of it loads without an endpoint.
        IDisposable? metrics = TelemetryExport.Start(options.Telemetry, logger);
        if (metrics is not null) lifetime.ApplicationStopped.Register(metrics.Dispose);
    }

    /// <summary>One line at start saying whether the admin pages are on, and why not; a malformed hash is named, never shown.</summary>
    private static void LogAdminState(WebApplication app, WebOptions web)
    {
        if (!string.IsNullOrWhiteSpace(web.AdminPasswordHash) && AdminPassword.Describe(web.AdminPasswordHash) is { } problem)
            app.Logger.LogError("Monitor:Web:AdminPasswordHash is {Problem}: password sign-in will fail", problem);
        if (AdminSecurity.IsEnabled(web)) app.Logger.LogInformation("Admin pages at {Urls} under /admin", web.Urls);
        else app.Logger.LogInformation("Admin pages disabled: set Monitor__Web__AdminPasswordHash or Monitor__Web__AdminToken to enable them");
    }
}
