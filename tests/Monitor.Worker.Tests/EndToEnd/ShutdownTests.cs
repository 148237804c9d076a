using System.Diagnostics;
using System.Runtime.InteropServices;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.EndToEnd;

/// <summary>The risk: SIGTERM (systemd stop, container stop) kills the service mid-write or hangs until SIGKILL.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ShutdownTests
{
    [Fact]
    public async Task Run_stops_cleanly_on_sigterm_after_polling()
    {
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        feeds.Content("/etilaf.xml", SeedFeeds.Rss("الائتلاف", feeds.Url("/"), SeedFeeds.Entries(feeds.Url("/"))));
        config.AddSource("etilaf", "الائتلاف", feeds.Url("/etilaf.xml"), primary: true).Write();

        using var process = Process.Start(MonitorProcess.StartInfo(["run", "--config", config.Path]))!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (feeds.RequestCount("/etilaf.xml") == 0 && DateTime.UtcNow < deadline && !process.HasExited) await Task.Delay(200);
        Assert.True(feeds.RequestCount("/etilaf.xml") > 0, "the service never polled: " + (process.HasExited ? await stdout + await stderr : "still running"));

        Assert.Equal(0, Kill(process.Id, 15));
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(wait.Token);

        Assert.Equal(0, process.ExitCode);
        var log = await stdout;
        Assert.Contains("Application is shutting down", log + await stderr);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
