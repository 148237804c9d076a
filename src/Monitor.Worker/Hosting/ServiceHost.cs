using Monitor.Worker.Configuration;
using Monitor.Worker.Mail;
using Monitor.Worker.Web;

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
        builder.WebHost.UseUrls(config.Options.Web.Enabled ? config.Options.Web.Urls : "http://127.0.0.1:0");

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapUnsubscribe();
        return app;
    }
}
