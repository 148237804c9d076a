using System.Buffers.Binary;
using System.Data.Common;
using Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Storage.Sqlite;

/// <summary>
/// SQLite's candidate index: each item's band keys are one append-only row of <c>item_keys</c> (a 160-byte blob of
/// 40 folded keys, with the few columns candidate ranking reads: story, source, content hash, signature, shingle count;
/// written at the right edge of its B-tree), and the band key → item lookup is a <see cref="BandIndex"/> in this
/// process's memory, which also remembers each item's row so the candidates are read by primary key.
/// <para>
/// The memory copy is loaded at the first lookup (a process that never looks up, such as the admin pages, never
/// holds it) and caught up before every lookup with the rows whose <c>seq</c> is above the last one seen. That keeps it
/// complete when another process (<c>monitor once</c>, the admin pages) writes the same file: SQLite has one writer at a
/// time, so rows are committed in <c>seq</c> order, and AUTOINCREMENT never hands out a number twice, even after pruning
/// deleted the highest rows. An edited item (<see cref="IItemStore.UpdateItemAsync"/>) gets a new row under a new
/// <c>seq</c>, and catching up on a row for an item already held replaces that item's keys.
/// </para>
/// <para>
/// Pruning deletes rows older than the window and drops the same items from memory. Another process's memory keeps the
/// items its own pruning has not yet dropped; they cost memory, not answers: lookups filter by published time, and a
/// row gone from the file is simply not returned.
/// </para>
/// </summary>
internal sealed class SqliteCandidateIndex
{
    private const int KeyBytes = sizeof(uint);
    private readonly BandIndex _index = new();
    private readonly object _gate = new();
    private long _lastSeq = -1; // -1: not loaded yet
    private long _maxItemId;
    private readonly RecentCandidates _recent = new();

    private const string Columns = "item_id, published, band_keys, story_id, source_id, content_hash, signature, shingle_count";
    public const string InsertSql = $"INSERT INTO item_keys ({Columns}) VALUES (@item, @pub, @keys, @story, @src, @hash, @sig, @shingles)";

    /// <summary>Live items and bytes held, for benchmarks and diagnostics.</summary>
    public (int Items, long Bytes) Size
    {
        get { lock (_gate) return (_index.Count, _index.Bytes); }
    }

    /// <summary>The band keys as stored: folded to 32 bits, big-endian (as the migration from item_bands wrote them).</summary>
    public static byte[] KeysBlob(IReadOnlyList<long> keys)
    {
        var folded = new uint[keys.Count];
        for (var i = 0; i < folded.Length; i++) folded[i] = BandIndex.Fold(keys[i]);
        return KeysBlob(folded);
    }

    private static byte[] KeysBlob(uint[] folded)
    {
        var blob = new byte[folded.Length * KeyBytes];
        for (var i = 0; i < folded.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(i * KeyBytes), folded[i]);
        return blob;
    }

    /// <summary>An item's keys row as this process wrote it: what catching up would read back.</summary>
    public sealed record WrittenRow(long Seq, long ItemId, long Published, uint[] Keys, CandidateItem Rank);

    /// <summary>Writes an item's keys row (inside the caller's transaction). An item without keys can be no one's
    /// candidate: no row, null. Hand the rows to <see cref="Committed"/> once the transaction committed.</summary>
    public static async Task<WrittenRow?> WriteAsync(Session c, DbTransaction tx, long itemId, long storyId, NewItem item, byte[] signature,
        CancellationToken ct)
    {
        if (item.BandKeys.Length == 0) return null;
        var folded = new uint[item.BandKeys.Length];
        for (var i = 0; i < folded.Length; i++) folded[i] = BandIndex.Fold(item.BandKeys[i]);
        var published = Db.Ms(item.Published);
        var cmd = c.Command(InsertSql + " RETURNING seq", tx);
        cmd.Add("@item", itemId).Add("@pub", published).Add("@keys", KeysBlob(folded)).Add("@story", storyId)
            .Add("@src", item.SourceId).Add("@hash", item.ContentHash).Add("@sig", signature)
            .Add("@shingles", item.ShingleCount);
        var seq = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
        // The signature array is shared, not copied: fingerprints are never changed after they are computed.
        return new WrittenRow(seq, itemId, published, folded,
            new CandidateItem(itemId, storyId, item.SourceId, "", "", item.ContentHash, item.Signature, item.ShingleCount, Db.Time(published)));
    }

    /// <summary>
    /// The rows of a committed transaction of this process, in seq order, into memory as catching up would add them.
    /// Only while they directly follow the last row seen: a gap means rows of another process (or pruned ones) came
    /// between, and the next catch-up reads them all from the file instead. Lookups catch up on their own connection
    /// meanwhile (<see cref="SqlDialect.OpenLookupAsync"/>): both add rows under the gate, only above the last seq added,
    /// so each row goes in once and in order, whichever comes first.
    /// </summary>
    public void Committed(IReadOnlyList<WrittenRow> rows)
    {
        lock (_gate)
        {
            if (_lastSeq < 0) return; // not loaded: the first lookup loads every row
            foreach (var row in rows)
            {
                if (row.Seq <= _lastSeq) continue;
                if (row.Seq != _lastSeq + 1) return;
                Apply(row.Seq, row.ItemId, row.Published, row.Keys, row.Rank, loading: false);
            }
        }
    }

    /// <summary>One row into memory (the caller holds <see cref="_gate"/>).</summary>
    private void Apply(long seq, long itemId, long published, ReadOnlySpan<uint> keys, CandidateItem? rank, bool loading)
    {
        if (rank is not null) _recent.Remember(seq, rank);
        // An id at or below the highest seen is an edited item's new row: it replaces the item's keys. (Ids are
        // handed out in commit order too; on the first load each item has exactly one row.)
        if (!loading && itemId <= _maxItemId) _index.Remove(itemId);
        _index.Add(itemId, published, seq, keys);
        _maxItemId = Math.Max(_maxItemId, itemId);
        _lastSeq = seq;
    }

    /// <summary>An edit (after the item's row was updated): its old keys row goes and a new one (new seq) is written,
    /// which every process then catches up on — even with no keys left (a text now too short to fingerprint), so that
    /// every process forgets the old ones.</summary>
    public static async Task ReplaceAsync(Session c, DbTransaction tx, long itemId, IReadOnlyList<long> keys, CancellationToken ct)
    {
        var delete = c.Command("DELETE FROM item_keys WHERE item_id = @item", tx);
        delete.Add("@item", itemId);
        await delete.ExecuteNonQueryAsync(ct);
        var insert = c.Command($"INSERT INTO item_keys ({Columns}) " +
                               "SELECT id, published, @keys, story_id, source_id, content_hash, signature, shingle_count FROM items WHERE id = @item", tx);
        insert.Add("@item", itemId).Add("@keys", KeysBlob(keys));
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Items sharing a key, published at or after <paramref name="notBefore"/>, the <paramref name="cap"/> newest first,
    /// with what ranking needs (no texts). Rows are read by primary key, except those of recent items: their rows are
    /// remembered (<see cref="RecentCandidates"/>), and most candidates are recent items.
    /// </summary>
    public async Task<List<CandidateItem>> FindAsync(Session c, IReadOnlyList<long> keys, long notBefore, int cap, CancellationToken ct)
    {
        await CatchUpAsync(c, ct);
        var folded = new uint[keys.Count];
        for (var i = 0; i < folded.Length; i++) folded[i] = BandIndex.Fold(keys[i]);
        List<(long ItemId, long Published, long Row)> hits;
        lock (_gate) hits = _index.Find(folded, notBefore, cap); // a repeated key finds no item twice
        if (hits.Count == 0) return [];

        // Usually every row is a recent one, remembered; the others are read from the file in one query.
        var rows = new CandidateItem?[hits.Count];
        List<long>? missing = null;
        lock (_gate)
        {
            for (var h = 0; h < hits.Count; h++)
                if (_recent.TryGet(hits[h].Row, out var row)) rows[h] = row;
                else (missing ??= []).Add(hits[h].Row);
        }
        if (missing is not null)
        {
            // In row order: neighbouring B-tree descents share their pages (a third cheaper than in rank order).
            missing.Sort();
            var read = new Dictionary<long, CandidateItem>(missing.Count);
            var cmd = c.Command($"SELECT seq, {RankColumns} FROM item_keys WHERE seq IN (SELECT value FROM json_each(@rows))", null);
            cmd.Add("@rows", "[" + string.Join(',', missing) + "]");
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var (seq, row) = ReadRankRow(reader);
                read[seq] = row;
                lock (_gate) _recent.Remember(seq, row);
            }
            for (var h = 0; h < hits.Count; h++)
                if (rows[h] is null && read.TryGetValue(hits[h].Row, out var row)) rows[h] = row;
        }
        // In the index's order; a row neither remembered nor read was pruned or replaced by another process meanwhile.
        var found = new List<CandidateItem>(hits.Count);
        foreach (var row in rows)
            if (row is not null) found.Add(row);
        return found;
    }

    private const string RankColumns = "item_id, story_id, source_id, content_hash, signature, shingle_count, published";

    /// <summary>Reads <see cref="RankColumns"/> starting at column <paramref name="offset"/> + 1, after the seq at column 0.</summary>
    private static (long Seq, CandidateItem Row) ReadRankRow(DbDataReader r, int offset = 0) =>
        (r.GetInt64(0), new CandidateItem(r.GetInt64(offset + 1), r.GetInt64(offset + 2), r.GetString(offset + 3), "", "",
            r.GetString(offset + 4), Db.Signature(r.Bytes(offset + 5)), r.GetInt32(offset + 6), Db.Time(r.GetInt64(offset + 7))));

    /// <summary>Deletes the rows of items published before <paramref name="olderThanMs"/> and forgets them here.
    /// Returns the number of band keys removed.</summary>
    public async Task<long> PruneAsync(Session c, long olderThanMs, CancellationToken ct)
    {
        var count = c.Command("SELECT COALESCE(SUM(length(band_keys)), 0) FROM item_keys WHERE published < @t", null);
        count.Add("@t", olderThanMs);
        var keys = Convert.ToInt64(await count.ExecuteScalarAsync(ct)) / KeyBytes;
        var delete = c.Command("DELETE FROM item_keys WHERE published < @t", null);
        delete.Add("@t", olderThanMs);
        await delete.ExecuteNonQueryAsync(ct);
        lock (_gate)
        {
            if (_lastSeq >= 0) _index.PruneOlderThan(olderThanMs);
        }
        return keys;
    }

    /// <summary>Adds the rows committed since the last call (all of them the first time).</summary>
    private async Task CatchUpAsync(Session c, CancellationToken ct)
    {
        long last;
        lock (_gate) last = _lastSeq;
        var loading = last < 0;
        if (loading)
        {
            // Sized once for the whole load: growing the table step by step would copy it again and again.
            var count = c.Command("SELECT COUNT(*), COALESCE(SUM(length(band_keys)), 0) FROM item_keys", null);
            await using (var totals = await count.ExecuteReaderAsync(ct))
            {
                if (await totals.ReadAsync(ct))
                    lock (_gate) _index.Reserve(checked((int)totals.GetInt64(0)), checked((int)(totals.GetInt64(1) / KeyBytes)));
            }
        }
        // After the load, new rows are the likeliest candidates of the next lookups: read what ranking needs with them.
        var cmd = c.Command(loading
            ? "SELECT seq, item_id, published, band_keys FROM item_keys WHERE seq > @last ORDER BY seq"
            : $"SELECT seq, item_id, published, band_keys, {RankColumns} FROM item_keys WHERE seq > @last ORDER BY seq", null);
        cmd.Add("@last", last);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var buffer = new byte[256];
        var keys = new uint[64];
        while (await reader.ReadAsync(ct))
        {
            var seq = reader.GetInt64(0);
            var itemId = reader.GetInt64(1);
            var published = reader.GetInt64(2);
            var length = (int)reader.GetBytes(3, 0, null, 0, 0);
            if (buffer.Length < length) buffer = new byte[length];
            reader.GetBytes(3, 0, buffer, 0, length);
            var n = length / KeyBytes;
            if (keys.Length < n) keys = new uint[n];
            for (var i = 0; i < n; i++) keys[i] = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(i * KeyBytes));
            var row = loading ? null : ReadRankRow(reader, offset: 3).Row;
            lock (_gate)
            {
                if (seq > _lastSeq) Apply(seq, itemId, published, keys.AsSpan(0, n), row, loading);
            }
        }
        if (loading) lock (_gate) _lastSeq = Math.Max(_lastSeq, 0);
    }
}
