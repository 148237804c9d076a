using System.Data.Common;

namespace Monitor.Worker.Storage.Sql;

internal sealed partial class SqlMonitorStore
{
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
            await ExecuteAsync(c, tx, "UPDATE stories SET tags = @t WHERE id = @s", ct,
                ("@s", storyId), ("@t", TagJson.Write(TagMerge.Merge([], tags)))), ct);

    /// <summary>Loads whole stories for a page of ids in two queries (stories with their tags, their items), in the ids' order.
    /// With <paramref name="digestView"/>, only what a digest shows: the text of each story's representative (the other
    /// items' texts empty) and no HTML, so a digest's backlog does not convert every republication's text.</summary>
    private async Task<IReadOnlyList<StoryRecord>> LoadStoriesAsync(Session c, IReadOnlyList<long> ids, CancellationToken ct,
        bool digestView = false)
    {
        if (ids.Count == 0) return [];
        var set = _dialect.SetValue(ids);
        var heads = await QueryAsync(c, null,
            $"SELECT id, first_seen, last_updated, representative_item_id, tags FROM stories WHERE {_dialect.InSet("id", "@ids")}",
            r => (Id: r.Long(0), First: r.At(1), Last: r.At(2), Rep: r.LongOrNull(3) ?? 0, Tags: r.StrOrNull(4)), ct, ("@ids", set));
        var (text, html, joinStory) = digestView
            ? ("CASE WHEN i.id = st.representative_item_id THEN i.text ELSE '' END", "NULL", "JOIN stories st ON st.id = i.story_id")
            : ("i.text", "i.html", "");
        var items = await QueryAsync(c, null, $"""
            SELECT i.story_id, i.id, i.source_id, COALESCE(s.name, i.source_id), COALESCE(s.is_primary, 0), i.guid, i.link,
                   i.title, {text}, {html}, i.published, i.fetched_at, i.matched_item_id, i.similarity, i.match_kind
            FROM items i LEFT JOIN sources s ON s.id = i.source_id {joinStory}
            WHERE {_dialect.InSet("i.story_id", "@ids")} ORDER BY i.published, i.id
            """, r => (Story: r.Long(0), Item: new StoryItemRecord
            {
                ItemId = r.Long(1), SourceId = r.Str(2), SourceName = r.Str(3), SourcePrimary = r.Bool(4),
                Guid = r.StrOrNull(5), Link = r.StrOrNull(6), Title = r.Str(7), Text = r.Str(8), Html = r.StrOrNull(9),
                Published = r.At(10), FetchedAt = r.At(11), MatchedItemId = r.LongOrNull(12), Similarity = r.Double(13),
                MatchKind = r.StrOrNull(14),
            }), ct, ("@ids", set));

        var itemsByStory = items.ToLookup(x => x.Story, x => x.Item);
        var byId = heads.ToDictionary(h => h.Id);
        return ids.Where(byId.ContainsKey).Select(id =>
        {
            var h = byId[id];
            return new StoryRecord
            {
                Id = h.Id, FirstSeen = h.First, LastUpdated = h.Last, RepresentativeItemId = h.Rep,
                Items = itemsByStory[id].ToList(), Tags = TagJson.Sorted(TagJson.Read(h.Tags)),
            };
        }).ToList();
    }
}
