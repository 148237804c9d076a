using Microsoft.AspNetCore.Http;
using Monitor.Tests.Shared;
using Monitor.Worker.Tests.Cluster;
using Monitor.Worker.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace Monitor.Worker.Tests.Faults;

/// <summary>
/// The risk: the PostgreSQL server is restarted (an upgrade, a failover, an operator) while the long-running service
/// is in the middle of a poll, and the service dies, hangs on dead pooled connections, forgets the entries it had
/// fetched, or mails a story twice once the database is back. The real `monitor run` works on its own private cluster
/// (the scheduler's clustered job store lives in the same database); the server is stopped after a feed was fetched
/// and before its entries were stored, then started again. The service must say the store is unavailable, keep
/// running, and on its next scheduled polls store every entry once and mail each subscriber each entry once.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "Fault")]
public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);
    private static readonly string[] Recipients = ["first@example.org", "second@example.org"];

    [Fact]
    public async Task PostgreSQL_restarted_mid_poll_is_reported_and_the_running_service_recovers_with_nothing_lost_or_sent_twice()
    {
        FaultLedger.Tried();
        await using var postgres = await PostgresCluster.StartAsync();
        var connection = await postgres.CreateDatabaseAsync("restart");
        await using var feeds = await FeedServer.StartAsync();
        await using var smtp = await SmtpServer.StartAsync();
        var newest = DateTimeOffset.UtcNow;
        var held = FaultFeeds.Many(feeds.Url("/"), "held", 6, newest);
        var steady = FaultFeeds.Many(feeds.Url("/"), "steady", 4, newest);

        // The first request for the held feed waits for the test: the database goes away while the poll is under way,
        // between fetching and storing. Later requests answer at once.
        var fetched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        feeds.Handle("/held.xml", async ctx =>
        {
            if (fetched.TrySetResult()) await release.Task.WaitAsync(TimeSpan.FromSeconds(90), ctx.RequestAborted);
            ctx.Response.ContentType = "application/rss+xml; charset=utf-8";
            await ctx.Response.WriteAsync(FaultFeeds.Rss("held", held));
        });
        feeds.Handle("/steady.xml", ctx =>
        {
            ctx.Response.ContentType = "application/rss+xml; charset=utf-8";
            return ctx.Response.WriteAsync(FaultFeeds.Rss("steady", steady));
        });

        using var config = new TestConfig();
        config.AddSource("held", "held", feeds.Url("/held.xml")).AddSource("steady", "steady", feeds.Url("/steady.xml"));
        foreach (var r in Recipients) config.AddSubscriber(r, "قارئ", "immediate");
        // Polls follow the trigger: the planner never asks to wait longer (or, after the failure, back off longer).
        config.PollEvery(PollInterval, TimeSpan.FromSeconds(8)).UseSmtp(smtp.Port).Write();
        var env = new Dictionary<string, string>
        {
            ["Monitor__Storage__Provider"] = "postgres",
            ["Monitor__Storage__ConnectionString"] = connection,
        };

        using var service = ClusterNode.Start("service", config.Path, env);
        try
        {
            await service.InstanceIdAsync(TimeSpan.FromSeconds(60));
            await fetched.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await postgres.StopAsync();
            release.SetResult();
            var stoppedAt = service.Log.Length;
            // The poll that fetched the held feed cannot store it: the service must say so, and not stop.
            await WaitForAsync(() => Task.FromResult(service.Log[stoppedAt..].Contains("store unavailable", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(45), "the store outage to be reported", service);
            await Task.Delay(TimeSpan.FromSeconds(2));
            await postgres.StartAsync();
            var restartedAt = DateTimeOffset.UtcNow;
            Assert.False(service.HasExited, "the service exited while the database was down:\n" + service.Log);

            var links = held.Concat(steady).Select(e => e.Link).ToList();
            await WaitForAsync(async () => Lost(await ReadDeliveriesAsync(smtp, feeds), links) == 0,
                TimeSpan.FromSeconds(150), "every entry mailed to every subscriber after the restart", service);
            // One more digest slot passes (immediate digests fire each minute): a story composed twice would show now.
            var slot = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(61 - slot.Second) + TimeSpan.FromSeconds(4));
            Assert.False(service.HasExited, "the service exited after the restart:\n" + service.Log);
            output.WriteLine($"recovered {(DateTimeOffset.UtcNow - restartedAt).TotalSeconds:F0}s after the restart");

            var stored = await StoredLinksAsync(connection);
            var count = FaultWorld.CountDeliveries(await ReadDeliveriesAsync(smtp, feeds), Recipients, links);
            var lost = links.Count(l => !stored.Contains(l));
            var storedTwice = stored.Count - stored.Distinct(StringComparer.Ordinal).Count();
            FaultLedger.Observed(lost: lost + count.Missing, duplicates: count.Duplicates + storedTwice, resendsInWindow: count.ResendsSameMessageId);

            var log = service.Log;
            output.WriteLine(string.Join('\n', log.Split('\n').Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("unavailable", StringComparison.Ordinal)).Take(20)));
            // The poll had fetched the feed when the server went: it stopped storing and said why, and the job said so too.
            Assert.Contains("Storing the entries of held stopped, the store is unavailable", log, StringComparison.Ordinal);
            Assert.Contains("store unavailable, will retry at the next firing", log, StringComparison.Ordinal);
            Assert.Equal(0, lost);
            Assert.Equal(0, storedTwice);
            Assert.True(count.Missing == 0 && count.Duplicates == 0 && count.ResendsSameMessageId == 0, count.ToString());
            Assert.Equal(0, await ScalarAsync(connection, "SELECT COUNT(*) FROM outbox WHERE state <> 'Sent'"));
            FaultLedger.Survived();
        }
        finally
        {
            release.TrySetResult();
        }
    }

    private static async Task<IReadOnlyList<FaultWorld.ReceivedDigest>> ReadDeliveriesAsync(SmtpServer smtp, FeedServer feeds) =>
        await FaultWorld.ReadDigestsAsync(
            smtp.ReadDeliveries().SelectMany(d => d.Recipients.Select(r => (r, d.Bytes))).ToList(), feeds.Url("/"));

    private static int Lost(IReadOnlyList<FaultWorld.ReceivedDigest> digests, IReadOnlyList<string> links) =>
        FaultWorld.CountDeliveries(digests, Recipients, links).Missing;

    /// <summary>Every stored item's link that belongs to a story, once per item row (so a row stored twice shows twice).</summary>
    private static async Task<List<string>> StoredLinksAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT i.link FROM items i JOIN stories s ON s.id = i.story_id WHERE i.link IS NOT NULL", db);
        await using var reader = await cmd.ExecuteReaderAsync();
        var links = new List<string>();
        while (await reader.ReadAsync()) links.Add(reader.GetString(0));
        return links;
    }

    private static async Task<long> ScalarAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, ClusterNode service)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (service.HasExited) Assert.Fail($"The service exited while waiting for {what}:\n{service.Log}");
            if (await condition()) return;
            await Task.Delay(500);
        }
        Assert.Fail($"Timed out after {timeout.TotalSeconds:F0}s waiting for {what}:\n{service.Log}");
    }
}
