using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.EndToEnd;

/// <summary>
/// The risk: after the service was down for days, a subscriber gets one digest per missed slot (a flood), or none
/// until the next slot. The rule: a missed digest is sent once, on start.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class MissedDigestTests
{
    [Fact]
    public async Task A_service_down_for_three_daily_slots_sends_one_digest_on_start()
    {
        await using var feeds = await FeedServer.StartAsync();
        await using var smtp = await SmtpServer.StartAsync();
        using var config = new TestConfig();
        var entries = SeedFeeds.Entries(feeds.Url("/"));
        feeds.Content("/etilaf.xml", SeedFeeds.Rss("الائتلاف", feeds.Url("/"), entries.Where(e => e.Seed == 3)));
        config.AddSource("etilaf", "الائتلاف", feeds.Url("/etilaf.xml"), primary: true)
            .AddSubscriber("daily@example.org", "قارئ يومي", frequency: "daily 08:00")
            .UseSmtp(smtp.Port).Write();
        Assert.Equal(0, (await MonitorProcess.RunAsync(["once", "--config", config.Path])).ExitCode);
        Assert.Single(smtp.ReadDeliveries());

        // Three days pass with the service stopped; meanwhile the coalition publishes again.
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(config.DataFolder, "monitor.db")}"))
        {
            await db.OpenAsync();
            var cmd = db.CreateCommand();
            cmd.CommandText = "UPDATE subscribers SET last_digest_at = $at; UPDATE sources SET next_poll_at = $at, last_attempt_at = $at, last_success_at = $at";
            cmd.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.AddDays(-3).ToUnixTimeMilliseconds());
            await cmd.ExecuteNonQueryAsync();
        }
        feeds.Content("/etilaf.xml", SeedFeeds.Rss("الائتلاف", feeds.Url("/"), entries.Where(e => e.Seed is 3 or 4)));

        using var service = Process.Start(MonitorProcess.StartInfo(["run", "--verbose", "--config", config.Path]))!;
        var log = service.StandardOutput.ReadToEndAsync();
        var errors = service.StandardError.ReadToEndAsync();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (smtp.ReadDeliveries().Count < 2 && DateTime.UtcNow < deadline) await Task.Delay(250);
            // Long enough for a second catch-up or a per-slot replay to show up if there were one.
            await Task.Delay(TimeSpan.FromSeconds(8));
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
        }

        var deliveries = smtp.ReadDeliveries();
        Assert.True(deliveries.Count == 2, $"{deliveries.Count} deliveries; service log:\n{await log}\n{await errors}");
        var catchUp = await MimeInspector.InspectAsync(deliveries[1].Bytes);
        Assert.Contains(entries[4].Link, catchUp.Leaves[0].Text);
        Assert.DoesNotContain(entries[3].Link, catchUp.Leaves[0].Text);
    }
}
