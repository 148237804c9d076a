using System.Data.Common;

namespace Monitor.Worker.Storage.Sql;

internal sealed partial class SqlMonitorStore
{
    private const string TagColumns = "kind, name, entry, matched, score";

    public Task<StoryRecord?> GetStoryAsync(long storyId, CancellationToken ct) =>
        RunAsync(async c => (await LoadStoriesAsync(c, [storyId], ct)).FirstOrDefault(), ct);

    public Task<IReadOnlyList<StoryRecord>> ListStoriesAsync(DateTimeOffset? since, int limit, CancellationToken ct) =>
        RunAsync(async c =>
        {
            var where = since is null ? "" : "WHERE last_updated >= @since";
            var ids = await QueryAsync(c, null,
                $"SELECT id FROM stories {where} ORDER BY last_updated DESC, id DESC LIMIT @limit",
                r => r.Long(0), ct, ("@since", Db.Ms(since)), ("@limit", limit));
            return await LoadStoriesAsync(c, ids, ct);
        }, ct);

    public Task ReplaceStoryTagsAsync(long storyId, IReadOnlyList<TagRecord> tags, CancellationToken ct) =>
        InTransactionAsync(async (c, tx) =>
        {
            await ExecuteAsync(c, tx, "DELETE FROM story_tags WHERE story_id = @s", ct, ("@s", storyId));
            await MergeStoryTagsAsync(c, tx, storyId, tags, ct);
        }, ct);

    /// <summary>Loads whole stories for a page of ids in three queries (stories, their items, their tags), in the ids' order.</summary>
    private async Task<IReadOnlyList<StoryRecord>> LoadStoriesAsync(Session c, IReadOnlyList<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var set = _dialect.SetValue(ids);
        var heads = await QueryAsync(c, null,
            $"SELECT id, first_seen, last_updated, representative_item_id FROM stories WHERE {_dialect.InSet("id", "@ids")}",
            r => (Id: r.Long(0), First: r.At(1), Last: r.At(2), Rep: r.LongOrNull(3) ?? 0), ct, ("@ids", set));
        var items = await QueryAsync(c, null, $"""
            SELECT i.story_id, i.id, i.source_id, COALESCE(s.name, i.source_id), COALESCE(s.is_primary, 0), i.guid, i.link,
                   i.title, i.text, i.html, i.published, i.fetched_at, i.matched_item_id, i.similarity, i.match_kind
            FROM items i LEFT JOIN sources s ON s.id = i.source_id
            WHERE {_dialect.InSet("i.story_id", "@ids")} ORDER BY i.published, i.id
            """, r => (Story: r.Long(0), Item: new StoryItemRecord
            {
                ItemId = r.Long(1), SourceId = r.Str(2), SourceName = r.Str(3), SourcePrimary = r.Bool(4),
                Guid = r.StrOrNull(5), Link = r.StrOrNull(6), Title = r.Str(7), Text = r.Str(8), Html = r.StrOrNull(9),
                Published = r.At(10), FetchedAt = r.At(11), MatchedItemId = r.LongOrNull(12), Similarity = r.Double(13),
                MatchKind = r.StrOrNull(14),
            }), ct, ("@ids", set));
        var tags = await QueryAsync(c, null,
            $"SELECT story_id, {TagColumns} FROM story_tags WHERE {_dialect.InSet("story_id", "@ids")} ORDER BY kind, name, entry",
            r => (Story: r.Long(0), Tag: ReadTag(r, 1)), ct, ("@ids", set));

        var itemsByStory = items.ToLookup(x => x.Story, x => x.Item);
        var tagsByStory = tags.ToLookup(x => x.Story, x => x.Tag);
        var byId = heads.ToDictionary(h => h.Id);
        return ids.Where(byId.ContainsKey).Select(id =>
        {
            var h = byId[id];
            return new StoryRecord
            {
                Id = h.Id, FirstSeen = h.First, LastUpdated = h.Last, RepresentativeItemId = h.Rep,
                Items = itemsByStory[id].ToList(), Tags = tagsByStory[id].ToList(),
            };
        }).ToList();
    }

    private static Task InsertItemTagsAsync(Session c, DbTransaction tx, long itemId, IReadOnlyList<TagRecord> tags, CancellationToken ct) =>
        WriteTagsAsync(c, tx, "item_tags", "item_id", itemId, TagMerge.Merge([], tags), replace: false, ct);

    private static Task ReplaceItemTagsAsync(Session c, DbTransaction tx, long itemId, IReadOnlyList<TagRecord> tags, CancellationToken ct) =>
        WriteTagsAsync(c, tx, "item_tags", "item_id", itemId, TagMerge.Merge([], tags), replace: true, ct);

    /// <summary>Merges tags into the story's (matched terms union, highest score), reading the current ones first.</summary>
    private static async Task MergeStoryTagsAsync(Session c, DbTransaction tx, long storyId, IReadOnlyList<TagRecord> tags, CancellationToken ct)
    {
        if (tags.Count == 0) return;
        var existing = await QueryAsync(c, tx, $"SELECT {TagColumns} FROM story_tags WHERE story_id = @s",
            ReadTag, ct, ("@s", storyId));
        await WriteTagsAsync(c, tx, "story_tags", "story_id", storyId, TagMerge.Merge(existing, tags), replace: false, ct);
    }

    private static async Task WriteTagsAsync(Session c, DbTransaction tx, string table, string ownerColumn, long owner,
        IReadOnlyList<TagRecord> tags, bool replace, CancellationToken ct)
    {
        if (replace) await ExecuteAsync(c, tx, $"DELETE FROM {table} WHERE {ownerColumn} = @o", ct, ("@o", owner));
        if (tags.Count == 0) return;
        var cmd = c.Command($"""
            INSERT INTO {table} ({ownerColumn}, {TagColumns}) VALUES (@o, @kind, @name, @entry, @matched, @score)
            ON CONFLICT ({ownerColumn}, kind, name, entry) DO UPDATE SET matched = excluded.matched, score = excluded.score
            """, tx);
        cmd.Add("@o", owner);
        // One prepared command, re-bound per tag.
        var (kind, name, entry, matched, score) = (Param(cmd, "@kind"), Param(cmd, "@name"), Param(cmd, "@entry"),
            Param(cmd, "@matched"), Param(cmd, "@score"));
        foreach (var tag in tags)
        {
            kind.Value = tag.Kind;
            name.Value = tag.Name;
            entry.Value = tag.Entry ?? "";
            matched.Value = Db.Json(tag.Matched);
            score.Value = tag.Score;
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    private static DbParameter Param(DbCommand cmd, string name)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        cmd.Parameters.Add(p);
        return p;
    }

    private static TagRecord ReadTag(DbDataReader r) => ReadTag(r, 0);

    private static TagRecord ReadTag(DbDataReader r, int o)
    {
        var entry = r.Str(o + 2);
        return new TagRecord(r.Str(o), r.Str(o + 1), entry.Length == 0 ? null : entry, Db.JsonList(r.StrOrNull(o + 3)), r.Double(o + 4));
    }
}
