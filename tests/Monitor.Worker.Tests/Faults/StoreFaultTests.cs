using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Monitor.Worker.Tests.Support;
using Xunit.Abstractions;

namespace Monitor.Worker.Tests.Faults;

/// <summary>
/// The risk: the SQLite file is held by another process (a backup, an operator's sqlite3 shell) during a cycle, and
/// the cycle writes half of what it read, hangs forever, or fails without saying why; the entries it could not store
/// must come back on the next cycle.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "Fault")]
public sealed class StoreFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_database_locked_by_another_connection_fails_the_cycle_clearly_and_the_next_cycle_stores_everything()
    {
        FaultLedger.Tried();
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        var all = FaultFeeds.Many(feeds.Url("/"), "lock", 6, DateTimeOffset.UtcNow);
        var visible = 3;
        feeds.Handle("/lock.xml", ctx =>
        {
            ctx.Response.ContentType = "application/rss+xml; charset=utf-8";
            return ctx.Response.WriteAsync(FaultFeeds.Rss("lock", all.Take(Volatile.Read(ref visible))));
        });
        config.AddSource("lock", "lock", feeds.Url("/lock.xml")).AddSubscriber("reader@example.org", "قارئ", "immediate").Write();
        var first = await FaultWorld.OnceAsync(config);
        Assert.True(first.ExitCode == 0, first.ToString());
        Volatile.Write(ref visible, 6);

        MonitorProcess.Result locked;
        using (var holder = FaultWorld.OpenDatabase(config, SqliteOpenMode.ReadWrite))
        {
            using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
            locked = await FaultWorld.OnceAsync(config);
            using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }
        output.WriteLine(locked.ToString());
        var itemsAfterLock = FaultWorld.Scalar(config, "SELECT COUNT(*) FROM items");

        var next = await FaultWorld.OnceAsync(config);
        output.WriteLine(next.ToString());
        var stored = FaultWorld.LinksInStories(config);
        var lost = all.Count(e => !stored.Contains(e.Link));
        var digests = await FaultWorld.ReadDigestsAsync(FaultWorld.PickupMessages(config), feeds.Url("/"));
        var count = FaultWorld.CountDeliveries(digests, ["reader@example.org"], all.Select(e => e.Link).ToList());
        FaultLedger.Observed(lost: lost + count.Missing, duplicates: count.Duplicates);

        Assert.NotEqual(0, locked.ExitCode);
        Assert.Contains("locked", locked.StdOut + locked.StdErr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, itemsAfterLock);
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Equal("ok", FaultWorld.IntegrityCheck(config));
        Assert.Equal(0, lost);
        Assert.True(count.Missing == 0 && count.Duplicates == 0, count.ToString());
        FaultLedger.Survived();
    }
}
