using Microsoft.Data.Sqlite;
using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;
using Monitor.Worker.Tests.EndToEnd;
using Monitor.Worker.Tests.Support;
using static Monitor.Worker.Tests.Storage.StoreTestData;

namespace Monitor.Worker.Tests.Cli;

/// <summary>
/// The risk: a deployment driven by cron runs only <c>once</c>, never the service's hourly maintenance, so the candidate
/// index keeps every item's keys forever and every run's first lookup loads the whole history into memory.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OncePruningTests
{
    [Fact]
    public async Task Once_takes_items_older_than_the_candidate_window_out_of_the_index_and_keeps_the_items()
    {
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        feeds.Content("/a.xml", SeedFeeds.Rss("أ", feeds.Url("/"), []));
        config.AddSource("a", "أ", feeds.Url("/a.xml")).Write();
        var first = await MonitorProcess.RunAsync(["once", "--config", config.Path]);
        Assert.True(first.ExitCode == 0, first.ToString());

        var now = DateTimeOffset.UtcNow;
        var paths = new MonitorPaths(config.Path, config.DataFolder);
        await using (var store = (IAsyncDisposable)StoreFactory.Create(new StorageOptions { Provider = "sqlite" }, paths))
        {
            var items = (IMonitorStore)store;
            await items.SaveItemAsync(Item("a", "old", now.AddDays(-30), bands: [11, 12]), NewStory(), CancellationToken.None);
            await items.SaveItemAsync(Item("a", "recent", now.AddDays(-1), bands: [21, 22]), NewStory(), CancellationToken.None);
        }

        var run = await MonitorProcess.RunAsync(["once", "--config", config.Path]);

        Assert.True(run.ExitCode == 0, run.ToString());
        await using var db = new SqliteConnection($"Data Source={Path.Combine(config.DataFolder, StoreFactory.DefaultSqliteFile)};Mode=ReadOnly");
        await db.OpenAsync();
        Assert.Equal(["recent"], await TitlesAsync(db, "SELECT i.title FROM item_keys k JOIN items i ON i.id = k.item_id ORDER BY i.title"));
        Assert.Equal(["old", "recent"], await TitlesAsync(db, "SELECT title FROM items ORDER BY title"));
    }

    private static async Task<List<string>> TitlesAsync(SqliteConnection db, string sql)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var titles = new List<string>();
        while (await reader.ReadAsync()) titles.Add(reader.GetString(0));
        return titles;
    }
}
