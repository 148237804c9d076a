using Monitor.Worker.Configuration;
using Monitor.Worker.Mail;
using Monitor.Worker.Web;
using Monitor.Worker.Web.Admin;

namespace Monitor.Worker.Hosting;

/// <summary>The long-running service: generic host + Kestrel (loopback by default) + Quartz.</summary>
public static class ServiceHost
{
    public static WebApplication Build(ConfigLoader.Loaded config, bool verbose)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Path.GetDirectoryName(config.ConfigFile) });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddMonitorSources(config.ConfigFile, reloadOnChange: true);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-dd HH:mm:ss "; });
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Quartz", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddMonitor(config);
        builder.Services.AddMonitorScheduling(config.Options);
        builder.Services.AddAdminSecurity(config.Paths);
        builder.WebHost.UseUrls(config.Options.Web.Enabled ? config.Options.Web.Urls : "http://127.0.0.1:0");

        var app = builder.Build();
        var metrics = TelemetryExport.Start(config.Options.Telemetry, app.Logger);
        if (metrics is not null) app.Lifetime.ApplicationStopped.Register(metrics.Dispose);
        LogAdminState(app, config.Options.Web);
        app.UseAdminGate();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealth();
        app.MapUnsubscribe();
        app.MapAdmin();
        return app;
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
