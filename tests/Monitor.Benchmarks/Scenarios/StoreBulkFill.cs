using Microsoft.Data.Sqlite;
using Monitor.Worker.Storage;
using Monitor.Worker.Storage.Sqlite;

namespace Monitor.Benchmarks.Scenarios;

/// <summary>
/// Fills a migrated SQLite store quickly (20k items per transaction, prepared statements) so lookups can be measured
/// at a million items without waiting for a million single-item transactions. Writes the same rows SaveItemAsync writes
/// for a new story (story, item, its band keys row, representative); the ingest rate itself is measured through the store.
/// </summary>
internal static class StoreBulkFill
{
    public static void Fill(string file, IEnumerable<NewItem> items)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using (var pragma = new SqliteCommand("PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;", connection))
            pragma.ExecuteNonQuery();
        foreach (var batch in items.Chunk(20_000))
        {
            using var tx = connection.BeginTransaction();
            using var story = Command(connection, tx, "INSERT INTO stories (first_seen, last_updated) VALUES (@p, @a) RETURNING id", "@p", "@a");
            using var item = Command(connection, tx, """
                INSERT INTO items (source_id, guid, link, title, text, published, fetched_at, content_hash, signature, shingle_count, story_id)
                VALUES (@src, @guid, @link, @title, @text, @p, @a, @hash, @sig, @n, @s) RETURNING id
                """, "@src", "@guid", "@link", "@title", "@text", "@p", "@a", "@hash", "@sig", "@n", "@s");
            using var rep = Command(connection, tx, "UPDATE stories SET representative_item_id = @i WHERE id = @s", "@i", "@s");
            using var keys = Command(connection, tx, SqliteCandidateIndex.InsertSql, "@item", "@pub", "@keys", "@story", "@src", "@hash", "@sig", "@shingles");
            foreach (var x in batch)
            {
                var p = x.Published.ToUnixTimeMilliseconds();
                var a = x.FetchedAt.ToUnixTimeMilliseconds();
                var storyId = (long)Run(story, true, p, a)!;
                var sig = Monitor.Worker.Storage.Sql.Db.SignatureBytes(x.Signature);
                var itemId = (long)Run(item, true, x.SourceId, x.Guid, x.Link, x.Title, x.Text, p, a, x.ContentHash, sig, x.ShingleCount, storyId)!;
                Run(rep, false, itemId, storyId);
                if (x.BandKeys.Length > 0)
                    Run(keys, false, itemId, p, SqliteCandidateIndex.KeysBlob(x.BandKeys), storyId, x.SourceId, x.ContentHash, sig, x.ShingleCount);
            }
            tx.Commit();
        }
    }

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction tx, string sql, params string[] names)
    {
        var cmd = new SqliteCommand(sql, c, tx);
        foreach (var n in names) cmd.Parameters.Add(new SqliteParameter { ParameterName = n });
        return cmd;
    }

    private static object? Run(SqliteCommand cmd, bool scalar, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        return scalar ? cmd.ExecuteScalar() : cmd.ExecuteNonQuery();
    }
}
