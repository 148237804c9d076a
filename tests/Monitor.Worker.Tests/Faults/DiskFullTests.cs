using System.Diagnostics;
using Monitor.Worker.Tests.Support;
using Xunit.Abstractions;

namespace Monitor.Worker.Tests.Faults;

/// <summary>
/// The risk: the data disk fills up mid-cycle and SQLite is left corrupt, entries are lost, or the service fails with
/// an unreadable error. The data folder is put on a 1 MiB tmpfs (the test runs as root, as CI does), filled by a big
/// feed, then given room again.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "Fault")]
public sealed class DiskFullTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_full_disk_fails_the_cycle_clearly_and_after_room_is_made_nothing_is_lost()
    {
        FaultLedger.Tried();
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        var all = FaultFeeds.Many(feeds.Url("/"), "full", 400, DateTimeOffset.UtcNow, words: 400);
        feeds.Content("/full.xml", FaultFeeds.Rss("full", all));
        config.AddSource("full", "full", feeds.Url("/full.xml")).Write();
        Directory.CreateDirectory(config.DataFolder);
        Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", config.DataFolder);
        try
        {
            var full = await FaultWorld.OnceAsync(config);
            output.WriteLine(full.ToString());

            Run("mount", "-o", "remount,size=256m", config.DataFolder);
            // The failed source now backs off; --force stands in for the time that passes before its next poll.
            var next = await MonitorProcess.RunAsync(["once", "--force", "--config", config.Path], timeout: FaultWorld.ProcessTimeout);
            output.WriteLine(next.ToString());
            var stored = FaultWorld.LinksInStories(config);
            var lost = all.Count(e => !stored.Contains(e.Link));
            FaultLedger.Observed(lost: lost, duplicates: 0);

            Assert.Equal(1, full.ExitCode);
            Assert.Contains("full", full.StdOut + full.StdErr, StringComparison.OrdinalIgnoreCase);
            Assert.True(next.ExitCode == 0, next.ToString());
            Assert.Equal("ok", FaultWorld.IntegrityCheck(config));
            Assert.Equal(0, lost);
            Assert.Equal(all.Count, FaultWorld.Scalar(config, "SELECT COUNT(*) FROM items"));
            FaultLedger.Survived();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Run("umount", "-l", config.DataFolder);
        }
    }

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{file} {string.Join(' ', args)} failed (this test needs root, as CI runs it): {error}");
    }
}
