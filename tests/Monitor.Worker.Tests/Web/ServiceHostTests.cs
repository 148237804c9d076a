using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitor.Worker.Configuration;
using Monitor.Worker.Hosting;
using Monitor.Worker.Storage;
using Monitor.Worker.Tests.Support;
using Quartz;

namespace Monitor.Worker.Tests.Web;

/// <summary>
/// Which host <c>monitor run</c> builds: with Monitor:Web:Enabled=false nothing listens (no HTTP server is registered, so
/// ASP.NET Core is not loaded), yet the scheduler and the store run as with the web endpoint.
/// </summary>
public sealed class ServiceHostTests
{
    [Fact]
    public async Task Service_without_web_endpoint_runs_the_scheduler_and_registers_no_http_server()
    {
        using var config = new TestConfig();
        config.Write();
        var loaded = ConfigLoader.Load(config.Path);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));

        using var host = ServiceHost.Create(loaded, verbose: false);
        Assert.IsNotType<WebApplication>(host);
        Assert.Null(host.Services.GetService<IServer>());

        await host.StartAsync();
        try
        {
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            // Quartz starts the scheduler once the host reports it has started, in the background.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (await scheduler.GetStatus(CancellationToken.None) != SchedulerStatus.Running && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            Assert.Equal(SchedulerStatus.Running, await scheduler.GetStatus(CancellationToken.None));
            Assert.True(await host.Services.GetRequiredService<IMonitorStore>().PingAsync(CancellationToken.None));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void Service_with_web_endpoint_registers_the_http_server()
    {
        using var config = new TestConfig();
        config.Monitor["Web"] = new System.Text.Json.Nodes.JsonObject { ["Enabled"] = true, ["Urls"] = "http://127.0.0.1:0" };
        config.Write();
        var loaded = ConfigLoader.Load(config.Path);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));

        using var host = ServiceHost.Create(loaded, verbose: false);
        Assert.IsType<WebApplication>(host);
        Assert.NotNull(host.Services.GetService<IServer>());
    }
}
