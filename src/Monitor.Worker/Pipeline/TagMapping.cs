using Monitor.Core.Tagging;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// Tags as Core computes them → rows as the store keeps them, with the words that fired. A topic row keeps its slug
/// as Name (what subscriptions select) and its display name as Entry; a watch row keeps the list and the entry.
/// </summary>
public static class TagMapping
{
    public const string Topic = "topic";
    public const string Watch = "watch";

    public static IReadOnlyList<TagRecord> ToRecords(IReadOnlyList<ItemTag> tags) =>
        tags.Select(t => new TagRecord(
                t.Kind == TagKind.Topic ? Topic : Watch,
                t.Kind == TagKind.Topic && t.Id.Length > 0 ? t.Id : t.Name,
                t.Kind == TagKind.Topic ? t.Name : t.Entry,
                t.Hits.Select(h => h.Surface).Distinct(StringComparer.Ordinal).ToList(),
                t.Score))
            .ToList();

    /// <summary>The name a reader sees: the topic's display name, or the watch entry.</summary>
    public static string DisplayName(TagRecord t) => t.Entry ?? t.Name;
}
