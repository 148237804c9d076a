using Monitor.Worker.Tests.Support;
using Npgsql;

namespace Monitor.Worker.Tests.Cluster;

/// <summary>
/// The risk: several workers sharing PostgreSQL step on each other — a source polled by two workers in one interval,
/// a digest composed or mailed twice because two workers ran it — or a worker dies mid-job and its sources and
/// subscribers are orphaned. Three real `monitor run` processes form a Quartz cluster on a private PostgreSQL, poll a
/// loopback feed server every few seconds and mail a real SMTP server; then one is killed with SIGKILL while it is
/// polling a slow source, and the other two must take over.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterFailoverTests(PostgresServer postgres)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan CheckinMisfireThreshold = TimeSpan.FromSeconds(5);
    private static readonly string[] Sources = ["alpha", "beta", "gamma", "delta", "epsilon", "slow"];
    private static readonly string[] Subscribers = ["one@example.org", "two@example.org", "three@example.org"];

    [Fact]
    public async Task Three_workers_poll_each_source_once_per_interval_mail_each_story_once_and_survive_a_killed_worker()
    {
        var connection = _connection = await postgres.CreateDatabaseAsync("cluster");
        await using var server = await FeedServer.StartAsync();
        await using var smtp = await SmtpServer.StartAsync();
        var feeds = new ClusterFeeds(server);
        using var config = new TestConfig();
        foreach (var id in Sources)
            config.AddSource(id, "مصدر " + id, feeds.Add(id, entries: 2, delay: id == "slow" ? TimeSpan.FromSeconds(6) : TimeSpan.Zero));
        foreach (var email in Subscribers) config.AddSubscriber(email, "مشترك", frequency: "immediate");
        // Polls follow the trigger: the planner never asks to wait longer than the trigger interval.
        config.PollEvery(PollInterval, TimeSpan.FromSeconds(8)).UseSmtp(smtp.Port).Write();
        var env = new Dictionary<string, string>
        {
            ["Monitor__Storage__Provider"] = "postgres",
            ["Monitor__Storage__ConnectionString"] = connection,
            ["Monitor__Cluster__CheckinInterval"] = CheckinInterval.ToString(),
            ["Monitor__Cluster__CheckinMisfireThreshold"] = CheckinMisfireThreshold.ToString(),
        };

        var nodes = Enumerable.Range(1, 3).Select(i => ClusterNode.Start($"worker{i}", config.Path, env)).ToList();
        try
        {
            var ids = new Dictionary<string, ClusterNode>();
            foreach (var node in nodes) ids[await node.InstanceIdAsync(TimeSpan.FromSeconds(60))] = node;
            Assert.Equal(3, ids.Count);
            var started = DateTimeOffset.UtcNow;

            // Phase 1: every statement reaches every subscriber (immediate digests go out at the next minute).
            var firstTitles = feeds.Titles;
            await WaitForAsync(() => EveryoneHasAsync(smtp, firstTitles), TimeSpan.FromSeconds(90), "first digests", nodes);

            // Phase 2: kill the worker that is polling the slow source right now, then publish more.
            var (victimId, victim) = await VictimAsync(connection, ids);
            var slowBefore = feeds.Requests("slow").Count;
            victim.Kill();
            var killedAt = DateTimeOffset.UtcNow;
            var later = Sources.Select(feeds.Publish).ToList();

            // Its node row is recovered within check-in interval + threshold (plus one check-in round of the others).
            await WaitForAsync(async () => !await NodeRowExistsAsync(connection, victimId),
                CheckinInterval * 2 + CheckinMisfireThreshold + TimeSpan.FromSeconds(5), "dead node recovered", nodes);
            await WaitForAsync(() => Task.FromResult(feeds.Requests("slow").Count > slowBefore && feeds.Requests("slow").Last() > killedAt),
                PollInterval + CheckinInterval * 2 + CheckinMisfireThreshold + TimeSpan.FromSeconds(10), "slow source polled again", nodes);
            await WaitForAsync(() => EveryoneHasAsync(smtp, later), TimeSpan.FromSeconds(90), "digests after the kill", nodes);
            var elapsed = DateTimeOffset.UtcNow - started;

            // Every source kept being polled after the kill, by the survivors.
            foreach (var id in Sources) Assert.Contains(feeds.Requests(id), t => t > killedAt + CheckinInterval);
            // Never two polls of one source within one interval (the slow source's interrupted poll re-runs once).
            foreach (var id in Sources.Where(s => s != "slow"))
            {
                var times = feeds.Requests(id);
                var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
                Assert.All(gaps, g => Assert.True(g > PollInterval / 2, $"{id} polled twice within {g.TotalSeconds:F1}s: {string.Join(", ", times.Select(t => t.ToString("HH:mm:ss.fff")))}"));
                var expected = elapsed / PollInterval;
                Assert.InRange(times.Count, expected - 3, expected + 3);
            }
            // Each statement went to each subscriber in exactly one message, and no message was sent twice.
            var messages = await MimeInspector.InspectManyAsync(smtp.ReadDeliveries().Select(d => d.Bytes).ToList());
            Assert.Equal(messages.Count, messages.Select(m => m.MessageId).Distinct().Count());
            foreach (var email in Subscribers)
            {
                var mine = messages.Where(m => m.To.Any(a => a.Address == email)).Select(m => m.Leaves[0].Text ?? "").ToList();
                foreach (var title in feeds.Titles)
                    Assert.True(mine.Count(text => text.Contains(title, StringComparison.Ordinal)) == 1, $"{email}: \"{title}\" in {mine.Count(text => text.Contains(title, StringComparison.Ordinal))} messages");
            }
        }
        finally
        {
            foreach (var node in nodes) node.Dispose();
        }
    }

    private static async Task<bool> EveryoneHasAsync(SmtpServer smtp, IReadOnlyList<string> titles)
    {
        var messages = await MimeInspector.InspectManyAsync(smtp.ReadDeliveries().Select(d => d.Bytes).ToList());
        return Subscribers.All(email =>
        {
            var text = string.Join('\n', messages.Where(m => m.To.Any(a => a.Address == email)).Select(m => m.Leaves[0].Text));
            return titles.All(t => text.Contains(t, StringComparison.Ordinal));
        });
    }

    /// <summary>The node executing the slow source's poll (waits until one is).</summary>
    private static async Task<(string Id, ClusterNode Node)> VictimAsync(string connection, Dictionary<string, ClusterNode> ids)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        while (DateTimeOffset.UtcNow < deadline)
        {
            await using var cmd = new NpgsqlCommand(
                "SELECT instance_name FROM qrtz_fired_triggers WHERE job_name = 'slow' AND state = 'EXECUTING'", db);
            if (await cmd.ExecuteScalarAsync() is string id && ids.TryGetValue(id, out var node)) return (id, node);
            await Task.Delay(200);
        }
        throw new TimeoutException("no node was seen executing the slow source's poll");
    }

    private string _connection = "";

    /// <summary>The cluster's triggers and firings, for a failure message.</summary>
    private async Task<string> QuartzStateAsync()
    {
        await using var db = new NpgsqlConnection(_connection);
        await db.OpenAsync();
        var sb = new System.Text.StringBuilder("--- qrtz_triggers\n");
        foreach (var sql in new[]
        {
            "SELECT trigger_group || '.' || trigger_name || ' ' || trigger_state || ' next ' || COALESCE(to_timestamp((next_fire_time - 621355968000000000) / 1e7)::text, '-') FROM qrtz_triggers ORDER BY 1",
            "SELECT 'fired ' || trigger_name || ' ' || state || ' on ' || instance_name FROM qrtz_fired_triggers ORDER BY 1",
            "SELECT 'node ' || instance_name || ' checked in ' || to_timestamp((last_checkin_time - 621355968000000000) / 1e7)::text FROM qrtz_scheduler_state ORDER BY 1",
        })
        {
            await using var cmd = new NpgsqlCommand(sql, db);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) sb.AppendLine(reader.GetString(0));
        }
        return sb.ToString();
    }

    private static async Task<bool> NodeRowExistsAsync(string connection, string instanceId)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT COUNT(*) FROM qrtz_scheduler_state WHERE instance_name = @id", db);
        cmd.Parameters.AddWithValue("id", instanceId);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync()) > 0;
    }

    private async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, IReadOnlyList<ClusterNode> nodes)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(500);
        }
        Assert.Fail($"Timed out after {timeout.TotalSeconds:F0}s waiting for {what}.\n" + await QuartzStateAsync() +
            string.Join("\n", nodes.Select(n => $"--- {n.Name}{(n.Killed ? " (killed)" : "")}\n{n.Log}")));
    }
}
