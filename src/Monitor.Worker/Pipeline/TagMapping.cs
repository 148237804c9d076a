using Monitor.Core.Tagging;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Pipeline;

/// <summary>Tags as Core computes them → rows as the store keeps them (with the words that fired).</summary>
public static class TagMapping
{
    public static IReadOnlyList<TagRecord> ToRecords(IReadOnlyList<ItemTag> tags) =>
        tags.Select(t => new TagRecord(
                t.Kind == TagKind.Topic ? "topic" : "watch",
                t.Name,
                t.Entry,
                t.Hits.Select(h => h.Surface).Distinct(StringComparer.Ordinal).ToList(),
                t.Score))
            .ToList();
}
