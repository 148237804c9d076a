using System.Collections;

namespace Monitor.Worker.Storage.Sql;

/// <summary>
/// An item's tags as the store keeps them: merged (<see cref="TagMerge"/>: each tag once, its words once) and written as
/// the JSON column (<see cref="TagJson"/>), both made once when the entry is prepared. On SQLite every save runs on one
/// thread, one poll after another, while the entries are prepared on the others: merging and writing the tags there
/// was about a tenth of that thread's work. A save given any other list merges and writes it itself.
/// </summary>
internal sealed class StoredTags : IReadOnlyList<TagRecord>
{
    private readonly IReadOnlyList<TagRecord> _merged;

    private StoredTags(IReadOnlyList<TagRecord> merged)
    {
        _merged = merged;
        Json = TagJson.Write(merged);
    }

    public static StoredTags Of(IReadOnlyList<TagRecord> tags) => new(TagMerge.Merge([], tags));

    /// <summary>The merged tags of a list, and their column value: made once if the list is a <see cref="StoredTags"/>.</summary>
    public static (IReadOnlyList<TagRecord> Merged, string? Json) For(IReadOnlyList<TagRecord> tags)
    {
        if (tags is StoredTags stored) return (stored, stored.Json);
        var merged = TagMerge.Merge([], tags);
        return (merged, TagJson.Write(merged));
    }

    /// <summary>The column value (null for no tags).</summary>
    public string? Json { get; }

    public int Count => _merged.Count;
    public TagRecord this[int index] => _merged[index];
    public IEnumerator<TagRecord> GetEnumerator() => _merged.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
