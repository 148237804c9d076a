using Monitor.Core.Dedup;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// The items of one batch that are judged but not yet saved. Later entries of the batch must see them as the store
/// would (an entry that repeats one of them, or republishes it, in the same feed): they take part in the exact lookup
/// and are offered to the judge as candidates, under ids above any stored item's (as they would get once saved), so
/// the judge's order and tie-breaks are those of saving one entry at a time.
/// </summary>
internal sealed class PendingItems
{
    /// <summary>Ids handed to pending items as candidates: above every stored id, in batch order.</summary>
    private const long IdBase = long.MaxValue - 1_000_000;

    private readonly List<Entry> _items = [];

    public sealed record Entry(int ResultIndex, NewItem Item, StoryAssignment Assignment, ulong[] Shingles, HashSet<long> BandKeys);

    public int Count => _items.Count;
    public IReadOnlyList<Entry> Items => _items;

    public void Add(int resultIndex, NewItem item, StoryAssignment assignment, ulong[] shingles) =>
        _items.Add(new Entry(resultIndex, item, assignment, shingles, [.. item.BandKeys]));

    public void Clear() => _items.Clear();

    /// <summary>Whether the store's exact lookup (<see cref="IItemStore.FindExactAsync"/>) would find a pending item:
    /// same source and guid, same link, or same content hash.</summary>
    public bool MatchesExactly(NewItem item)
    {
        foreach (var p in _items)
        {
            var other = p.Item;
            if ((item.Guid is not null && other.SourceId == item.SourceId && other.Guid == item.Guid)
                || (item.Link is not null && other.Link == item.Link)
                || other.ContentHash == item.ContentHash)
                return true;
        }
        return false;
    }

    /// <summary>Pending items sharing a band key with <paramref name="bandKeys"/>, published at or after
    /// <paramref name="notBefore"/> (the store's candidate rule), as judge candidates with their shingles.</summary>
    public IEnumerable<(DedupCandidate Candidate, DateTimeOffset Published)> Candidates(long[] bandKeys, DateTimeOffset notBefore)
    {
        for (var k = 0; k < _items.Count; k++)
        {
            var p = _items[k];
            if (p.Item.Published < notBefore || !SharesKey(bandKeys, p.BandKeys)) continue;
            var fingerprint = new Fingerprint(p.Item.ContentHash, p.Item.Signature, p.Item.ShingleCount, []);
            yield return (new DedupCandidate(IdBase + k, StoryOf(k), p.Item.Title, p.Item.Text, fingerprint) { Shingles = p.Shingles },
                p.Item.Published);
        }
    }

    private static bool SharesKey(long[] keys, HashSet<long> other)
    {
        foreach (var key in keys)
            if (other.Contains(key)) return true;
        return false;
    }

    /// <summary>The batch index behind a candidate id, or null for a stored item.</summary>
    public static int? IndexOf(long candidateId) => candidateId >= IdBase ? (int)(candidateId - IdBase) : null;

    /// <summary>The story a pending item is in: a stored story it joined, the story of the pending item it joined, or
    /// (a story it starts) a negative stand-in no stored story has, so the judge tells stories apart as it would.</summary>
    private long StoryOf(int k)
    {
        while (true)
        {
            var a = _items[k].Assignment;
            if (a.StoryId is { } stored) return stored;
            if (a.JoinsBatchItem is not { } earlier) return -1 - k;
            k = earlier;
        }
    }
}
