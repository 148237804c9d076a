using System.Data.Common;
using Monitor.Worker.Storage.Sqlite;

namespace Monitor.Worker.Storage.Sql;

internal sealed partial class SqlMonitorStore
{
    /// <summary>See <see cref="IItemStore.CandidateCap"/>.</summary>
    public const int CandidateCap = IItemStore.CandidateCap;

    private const string ExistingColumns = "id, story_id, source_id, guid, link, content_hash, title";

    /// <summary>
    /// The three indexed probes in the contract's order (same source and guid, then link, then content hash; the first
    /// hit wins, the lowest id within a probe) as one statement: most items are new and miss all three, and a statement
    /// costs far more than an index probe. A null guid or link drops its probe, so four statements in all.
    /// </summary>
    public Task<ExistingItem?> FindExactAsync(string sourceId, string? guid, string? link, string contentHash, CancellationToken ct) =>
        LookupAsync(async c =>
        {
            (string, object?)[] args = (guid, link) switch
            {
                (null, null) => [("@h", contentHash)],
                (not null, null) => [("@s", sourceId), ("@g", guid), ("@h", contentHash)],
                (null, not null) => [("@l", link), ("@h", contentHash)],
                _ => [("@s", sourceId), ("@g", guid), ("@l", link), ("@h", contentHash)],
            };
            var hits = await QueryAsync(c, null, ExactSql[(guid is null ? 0 : 1) + (link is null ? 0 : 2)],
                r => (Probe: r.Int(0), Item: new ExistingItem(r.Long(1), r.Long(2), r.Str(3), r.StrOrNull(4), r.StrOrNull(5), r.Str(6), r.Str(7))),
                ct, args);
            return hits.Count == 0 ? null : hits.MinBy(h => h.Probe).Item;
        }, ct);

    /// <summary>Indexed by (has guid ? 1 : 0) + (has link ? 2 : 0). Each probe yields its lowest id (the index gives ids in
    /// order for an equal key, so no sort); the caller keeps the first probe that hit.</summary>
    private static readonly string[] ExactSql = Enumerable.Range(0, 4).Select(variant =>
    {
        var probes = new List<string>();
        if ((variant & 1) != 0) probes.Add("1 AS probe, " + ExistingColumns + " FROM items WHERE source_id = @s AND guid = @g");
        if ((variant & 2) != 0) probes.Add("2 AS probe, " + ExistingColumns + " FROM items WHERE link = @l");
        probes.Add("3 AS probe, " + ExistingColumns + " FROM items WHERE content_hash = @h");
        return string.Join(" UNION ALL ", probes.Select((p, i) => $"SELECT * FROM (SELECT {p} ORDER BY id LIMIT 1) p{i}"));
    }).ToArray();

    /// <summary>The candidate query: a range probe of the band index per key (band_key, published ≥ window start),
    /// capped, then the items by primary key. Its cost follows the number of matches, not the number of items stored.</summary>
    internal string CandidateSql => $"""
        SELECT i.id, i.story_id, i.source_id, i.title, i.text, i.content_hash, i.signature, i.shingle_count, i.published
        FROM (SELECT DISTINCT b.item_id, b.published FROM item_bands b
              WHERE {_dialect.InSet("b.band_key", "@keys")} AND b.published >= @nb
              ORDER BY b.published DESC, b.item_id DESC LIMIT {CandidateCap}) c
        JOIN items i ON i.id = c.item_id
        ORDER BY c.published DESC, c.item_id DESC
        """;

    /// <summary><see cref="CandidateSql"/> without the texts: the candidate lookup reads no text pages (a text is
    /// often longer than a page and lives in overflow pages), only the index and the items' short columns.</summary>
    internal string CandidateSignatureSql => $"""
        SELECT i.id, i.story_id, i.source_id, i.content_hash, i.signature, i.shingle_count, i.published
        FROM (SELECT DISTINCT b.item_id, b.published FROM item_bands b
              WHERE {_dialect.InSet("b.band_key", "@keys")} AND b.published >= @nb
              ORDER BY b.published DESC, b.item_id DESC LIMIT @cap) c
        JOIN items i ON i.id = c.item_id
        ORDER BY c.published DESC, c.item_id DESC
        """;

    public Task<IReadOnlyList<CandidateItem>> FindCandidateSignaturesAsync(IReadOnlyList<long> bandKeys, DateTimeOffset notBefore, CancellationToken ct,
        int extra = 0)
    {
        if (bandKeys.Count == 0) return Task.FromResult<IReadOnlyList<CandidateItem>>([]);
        var cap = CandidateCap + Math.Max(0, extra);
        if (_candidates is not null)
            return FindInMemoryAsync(bandKeys, notBefore, withTexts: false, cap, ct);
        return LookupAsync<IReadOnlyList<CandidateItem>>(async c => await QueryAsync(c, null, CandidateSignatureSql,
            r => new CandidateItem(r.Long(0), r.Long(1), r.Str(2), "", "", r.Str(3), Db.Signature(r.Bytes(4)), r.Int(5), r.At(6)), ct,
            ("@keys", _dialect.SetValue(bandKeys.Distinct().ToArray())), ("@nb", Db.Ms(notBefore)), ("@cap", cap)), ct);
    }

    public Task<IReadOnlyDictionary<long, (string Title, string Text)>> GetItemTextsAsync(IReadOnlyList<long> itemIds, CancellationToken ct)
    {
        if (itemIds.Count == 0) return Task.FromResult<IReadOnlyDictionary<long, (string, string)>>(new Dictionary<long, (string, string)>());
        return LookupAsync<IReadOnlyDictionary<long, (string, string)>>(async c => await ReadTextsAsync(c, itemIds, ct), ct);
    }

    private async Task<Dictionary<long, (string Title, string Text)>> ReadTextsAsync(Session c, IEnumerable<long> itemIds, CancellationToken ct) =>
        (await QueryAsync(c, null, $"SELECT id, title, text FROM items WHERE {_dialect.InSet("id", "@ids")}",
            r => (Id: r.Long(0), Title: r.Str(1), Text: r.Str(2)), ct, ("@ids", _dialect.SetValue(itemIds.Distinct().ToArray()))))
        .ToDictionary(x => x.Id, x => (x.Title, x.Text));

    public Task<IReadOnlyList<CandidateItem>> FindCandidatesAsync(IReadOnlyList<long> bandKeys, DateTimeOffset notBefore, CancellationToken ct)
    {
        if (bandKeys.Count == 0) return Task.FromResult<IReadOnlyList<CandidateItem>>([]);
        if (_candidates is not null)
            return FindInMemoryAsync(bandKeys, notBefore, withTexts: true, CandidateCap, ct);
        return LookupAsync<IReadOnlyList<CandidateItem>>(async c => await QueryAsync(c, null, CandidateSql,
            r => new CandidateItem(r.Long(0), r.Long(1), r.Str(2), r.Str(3), r.Str(4), r.Str(5), Db.Signature(r.Bytes(6)),
                r.Int(7), r.At(8)), ct,
            ("@keys", _dialect.SetValue(bandKeys.Distinct().ToArray())), ("@nb", Db.Ms(notBefore))), ct);
    }

    /// <summary>
    /// SQLite: the in-memory index names the candidates (capped, newest first) and gives their ranking columns from
    /// <c>item_keys</c> (a few hundred bytes per row, read by primary key; in <c>items</c> the same columns come after
    /// the text and HTML, often in overflow pages). Texts, when asked for, come from <c>items</c>.
    /// </summary>
    private Task<IReadOnlyList<CandidateItem>> FindInMemoryAsync(IReadOnlyList<long> bandKeys, DateTimeOffset notBefore, bool withTexts,
        int cap, CancellationToken ct) =>
        LookupAsync<IReadOnlyList<CandidateItem>>(async c =>
        {
            var found = await _candidates!.FindAsync(c, bandKeys, Db.Ms(notBefore), cap, ct);
            if (!withTexts || found.Count == 0) return found;
            var texts = await ReadTextsAsync(c, found.Select(f => f.ItemId), ct);
            return found.Where(f => texts.ContainsKey(f.ItemId))
                .Select(f => f with { Title = texts[f.ItemId].Title, Text = texts[f.ItemId].Text }).ToList();
        }, ct);

    public Task<(long ItemId, long StoryId)> SaveItemAsync(NewItem item, StoryAssignment assignment, CancellationToken ct)
    {
        if (assignment.JoinsBatchItem is not null)
            throw new ArgumentException("JoinsBatchItem only has a meaning inside SaveItemsAsync.", nameof(assignment));
        var written = _candidates is null ? null : new List<SqliteCandidateIndex.WrittenRow>(1);
        return InTransactionAsync((c, tx) => SaveOneAsync(c, tx, item, assignment, written, ct), ct,
            afterCommit: () => _candidates?.Committed(written!));
    }

    public Task<IReadOnlyList<(long ItemId, long StoryId)>> SaveItemsAsync(IReadOnlyList<(NewItem Item, StoryAssignment Assignment)> items, CancellationToken ct,
        Action<int, long>? inserted = null)
    {
        // SQLite: the keys rows written go into the in-memory index once committed, so the next lookup reads none back.
        var written = _candidates is null ? null : new List<SqliteCandidateIndex.WrittenRow>(items.Count);
        return InTransactionAsync<IReadOnlyList<(long, long)>>(async (c, tx) =>
        {
            var saved = new List<(long, long)>(items.Count);
            foreach (var (item, assignment) in items)
            {
                saved.Add(await SaveOneAsync(c, tx, item, ResolveBatchMatch(assignment, saved), written, ct));
                inserted?.Invoke(saved.Count - 1, saved[^1].Item1);
            }
            return saved;
        }, ct, afterCommit: () => _candidates?.Committed(written!));
    }

    /// <summary>An item that matched an earlier item of its batch joins that item's story, now that it has ids.</summary>
    private static StoryAssignment ResolveBatchMatch(StoryAssignment assignment, List<(long ItemId, long StoryId)> saved)
    {
        if (assignment.JoinsBatchItem is not { } index) return assignment;
        if (index < 0 || index >= saved.Count)
            throw new ArgumentException($"JoinsBatchItem {index} does not name an earlier item of the batch ({saved.Count} saved before it).");
        return assignment with { StoryId = saved[index].StoryId, MatchedItemId = saved[index].ItemId, JoinsBatchItem = null };
    }

    private async Task<(long ItemId, long StoryId)> SaveOneAsync(Session c, DbTransaction tx, NewItem item, StoryAssignment assignment,
        List<SqliteCandidateIndex.WrittenRow>? written, CancellationToken ct)
    {
        var (itemTags, itemTagsJson) = StoredTags.For(assignment.Tags);
        var signature = Db.SignatureBytes(item.Signature);
        long storyId;
        string? storyTagsJson = null;
        if (assignment.StoryId is { } joined)
        {
            // The UPDATE comes first: on PostgreSQL it locks the story row, so concurrent joins merge tags in turn.
            var stories = await QueryAsync(c, tx, """
                UPDATE stories SET last_updated = CASE WHEN last_updated > @at THEN last_updated ELSE @at END,
                                   first_seen = CASE WHEN first_seen < @pub THEN first_seen ELSE @pub END
                WHERE id = @id RETURNING tags
                """, r => r.StrOrNull(0), ct, ("@id", joined), ("@at", Db.Ms(item.FetchedAt)), ("@pub", Db.Ms(item.Published)));
            if (stories.Count == 0) throw new InvalidOperationException($"Story {joined} does not exist; the item was not saved.");
            storyTagsJson = stories[0];
            storyId = joined;
        }
        else
        {
            // A new story's tags are its first item's.
            storyId = Convert.ToInt64(await ScalarAsync(c, tx,
                "INSERT INTO stories (first_seen, last_updated, tags) VALUES (@pub, @at, @tags) RETURNING id", ct,
                ("@pub", Db.Ms(item.Published)), ("@at", Db.Ms(item.FetchedAt)), ("@tags", itemTagsJson)));
        }

        var itemId = Convert.ToInt64(await ScalarAsync(c, tx, """
            INSERT INTO items (source_id, guid, link, title, text, html, published, fetched_at, content_hash, signature,
                               shingle_count, story_id, matched_item_id, similarity, match_kind, tags)
            VALUES (@src, @guid, @link, @title, @text, @html, @pub, @at, @hash, @sig, @shingles, @story, @matched, @sim, @kind, @tags)
            RETURNING id
            """, ct, ("@src", item.SourceId), ("@guid", item.Guid), ("@link", item.Link), ("@title", item.Title),
            ("@text", item.Text), ("@html", item.Html), ("@pub", Db.Ms(item.Published)), ("@at", Db.Ms(item.FetchedAt)),
            ("@hash", item.ContentHash), ("@sig", signature), ("@shingles", item.ShingleCount),
            ("@story", storyId), ("@matched", assignment.MatchedItemId),
            ("@sim", assignment.StoryId is null ? null : assignment.Similarity), ("@kind", assignment.MatchKind), ("@tags", itemTagsJson)));

        if (_candidates is not null)
        {
            if (await SqliteCandidateIndex.WriteAsync(c, tx, itemId, storyId, item, signature, ct) is { } row) written!.Add(row);
        }
        else if (item.BandKeys.Length > 0)
            await ExecuteAsync(c, tx,
                $"INSERT INTO item_bands (band_key, published, item_id) SELECT k.value, @pub, @item FROM {_dialect.SetRows("@keys", "k")} " +
                "WHERE true ON CONFLICT DO NOTHING", ct,
                ("@keys", _dialect.SetValue(item.BandKeys)), ("@pub", Db.Ms(item.Published)), ("@item", itemId));

        if (assignment.StoryId is null)
            await ExecuteAsync(c, tx, "UPDATE stories SET representative_item_id = @item WHERE id = @s", ct,
                ("@item", itemId), ("@s", storyId));
        else if (itemTags.Count == 0)
            await ExecuteAsync(c, tx, $"UPDATE stories SET representative_item_id = ({RepresentativeSql}) WHERE id = @s", ct, ("@s", storyId));
        else
        {
            // The story's tags gain the item's (matched terms union, highest score), in the same statement.
            var merged = TagJson.Write(TagMerge.Merge(TagJson.Read(storyTagsJson), itemTags));
            await ExecuteAsync(c, tx, $"UPDATE stories SET representative_item_id = ({RepresentativeSql}), tags = @tags WHERE id = @s", ct,
                ("@s", storyId), ("@tags", merged));
        }
        return (itemId, storyId);
    }

    public Task UpdateItemAsync(long itemId, NewItem item, IReadOnlyList<TagRecord> tags, CancellationToken ct) =>
        InTransactionAsync(async (c, tx) =>
        {
            var storyId = await ScalarAsync(c, tx, """
                UPDATE items SET title = @title, text = @text, html = @html, content_hash = @hash, signature = @sig,
                                 shingle_count = @shingles, tags = @tags
                WHERE id = @id RETURNING story_id
                """, ct, ("@id", itemId), ("@title", item.Title), ("@text", item.Text), ("@html", item.Html),
                ("@hash", item.ContentHash), ("@sig", Db.SignatureBytes(item.Signature)), ("@shingles", item.ShingleCount),
                ("@tags", StoredTags.For(tags).Json));
            if (storyId is null) throw new InvalidOperationException($"Item {itemId} does not exist; nothing was updated.");
            var story = Convert.ToInt64(storyId);
            if (_candidates is not null)
                await SqliteCandidateIndex.ReplaceAsync(c, tx, itemId, item.BandKeys, ct);
            else
            {
                await ExecuteAsync(c, tx, "DELETE FROM item_bands WHERE item_id = @id", ct, ("@id", itemId));
                if (item.BandKeys.Length > 0)
                    await ExecuteAsync(c, tx,
                        $"INSERT INTO item_bands (band_key, published, item_id) SELECT k.value, i.published, i.id FROM {_dialect.SetRows("@keys", "k")}, " +
                        "items i WHERE i.id = @id ON CONFLICT DO NOTHING", ct, ("@keys", _dialect.SetValue(item.BandKeys)), ("@id", itemId));
            }
            // The story's tags are the union of its items' tags: rebuilt, so a tag the edit removed goes too.
            var all = await QueryAsync(c, tx, "SELECT tags FROM items WHERE story_id = @s ORDER BY id", r => r.StrOrNull(0), ct, ("@s", story));
            await ExecuteAsync(c, tx, "UPDATE stories SET tags = @tags WHERE id = @s", ct,
                ("@s", story), ("@tags", TagJson.Write(TagMerge.Merge([], all.SelectMany(TagJson.Read)))));
        }, ct);

    public Task<long> CountItemsAsync(CancellationToken ct) =>
        RunAsync(async c => Convert.ToInt64(await ScalarAsync(c, null, "SELECT COUNT(*) FROM items", ct)), ct);

    public Task<long> PruneCandidateIndexAsync(DateTimeOffset olderThan, CancellationToken ct) =>
        _candidates is not null
            ? RunAsync(c => _candidates.PruneAsync(c, Db.Ms(olderThan), ct), ct, write: true)
            : RunAsync(async c => (long)await ExecuteAsync(c, null, "DELETE FROM item_bands WHERE published < @t", ct, ("@t", Db.Ms(olderThan))), ct);

    /// <summary>The story's representative: an item from a primary source outranks; otherwise the earliest published
    /// (then the first stored).</summary>
    private const string RepresentativeSql = """
        SELECT i.id FROM items i LEFT JOIN sources s ON s.id = i.source_id
        WHERE i.story_id = @s ORDER BY COALESCE(s.is_primary, 0) DESC, i.published, i.id LIMIT 1
        """;
}
