using Microsoft.Data.Sqlite;
using Monitor.Worker.Storage;
using static Monitor.Worker.Tests.Storage.StoreTestData;

namespace Monitor.Worker.Tests.Storage;

/// <summary>Migration 5 moves tags from the item_tags and story_tags tables into a JSON column of items and stories.</summary>
public sealed partial class SqliteStoreTests
{
    [Fact]
    public async Task Migrating_a_database_with_tag_tables_keeps_every_story_and_item_tag()
    {
        var (first, story) = await Store.SaveItemAsync(Item("a", "first", T0), NewStory(), None);
        var (second, _) = await Store.SaveItemAsync(Item("b", "second", T0.AddMinutes(1)), Join(story, first), None);
        await ReopenAsync();
        SqliteConnection.ClearAllPools();
        // Put the file back as version 4 left it: tags as rows (matched terms as JSON text, escaped as the old code
        // wrote them), no tags columns.
        await using (var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var cmd = new SqliteCommand($"""
                ALTER TABLE items DROP COLUMN tags;
                ALTER TABLE stories DROP COLUMN tags;
                CREATE TABLE item_tags (
                  item_id INTEGER NOT NULL REFERENCES items(id), kind TEXT NOT NULL, name TEXT NOT NULL, entry TEXT NOT NULL,
                  matched TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (item_id, kind, name, entry)) WITHOUT ROWID;
                CREATE TABLE story_tags (
                  story_id INTEGER NOT NULL REFERENCES stories(id), kind TEXT NOT NULL, name TEXT NOT NULL, entry TEXT NOT NULL,
                  matched TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (story_id, kind, name, entry)) WITHOUT ROWID;
                INSERT INTO item_tags VALUES ({first}, 'topic', 'politics', '', '["\u0628\u064A\u0627\u0646"]', 0.9),
                                             ({second}, 'watch', 'leaders', 'الرئيس', '["الرئيس","رئيس"]', 0.25);
                INSERT INTO story_tags VALUES ({story}, 'watch', 'leaders', 'الرئيس', '["الرئيس","رئيس"]', 0.25),
                                              ({story}, 'topic', 'politics', '', '["\u0628\u064A\u0627\u0646"]', 0.9);
                DELETE FROM schema_version WHERE version = 5;
                """, connection);
            await cmd.ExecuteNonQueryAsync();
        }

        await Store.MigrateAsync(None);

        var tags = (await Store.GetStoryAsync(story, None))!.Tags;
        Assert.Equal([("topic", "politics", (string?)null, "بيان", 0.9), ("watch", "leaders", "الرئيس", "الرئيس|رئيس", 0.25)],
            tags.Select(t => (t.Kind, t.Name, t.Entry, string.Join('|', t.Matched), t.Score)));
        // The items' migrated tags are what an edit rebuilds the story's tags from: editing the second item without
        // tags leaves the first item's.
        await Store.UpdateItemAsync(second, Item("b", "second edited", T0.AddMinutes(1)), [], None);
        Assert.Equal(["politics"], (await Store.GetStoryAsync(story, None))!.Tags.Select(t => t.Name));
        await using var check = new SqliteConnection($"Data Source={DatabaseFile}");
        await check.OpenAsync();
        await using var tables = new SqliteCommand("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('item_tags', 'story_tags')", check);
        Assert.Equal(0L, (long)(await tables.ExecuteScalarAsync())!);
    }
}
