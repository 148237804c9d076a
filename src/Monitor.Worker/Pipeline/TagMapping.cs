using Monitor.Core.Tagging;
using Monitor.Worker.Storage;
using Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// Tags as Core computes them → rows as the store keeps them, with the words that fired. A topic row keeps its slug
/// as Name (what subscriptions select) and its display name as Entry; a watch row keeps the list and the entry.
/// </summary>
public static class TagMapping
{
    public const string Topic = "topic";
    public const string Watch = "watch";

    public static IReadOnlyList<TagRecord> ToRecords(IReadOnlyList<ItemTag> tags)
    {
        var records = new List<TagRecord>(tags.Count);
        foreach (var t in tags)
        {
            var surfaces = new List<string>(t.Hits.Count);
            foreach (var hit in t.Hits) surfaces.Add(hit.Surface);
            records.Add(new TagRecord(
                t.Kind == TagKind.Topic ? Topic : Watch,
                t.Kind == TagKind.Topic && t.Id.Length > 0 ? t.Id : t.Name,
                t.Kind == TagKind.Topic ? t.Name : t.Entry,
                TagMerge.DistinctInOrder(surfaces, []),
                t.Score));
        }
        return records;
    }

    /// <summary>The name a reader sees: the topic's display name, or the watch entry.</summary>
    public static string DisplayName(TagRecord t) => t.Entry ?? t.Name;
}
