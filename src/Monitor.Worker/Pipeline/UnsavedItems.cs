using Monitor.Core.Dedup;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// Items judged but not yet known to be saved, in the order they were judged: the batch being decided and the batches
/// handed to the <see cref="SaveQueue"/> behind it. Later entries must see them as the store will once they are saved
/// (an entry that repeats or republishes one of them): they take part in the exact check and are offered to the judge
/// as candidates, under ids above any stored item's and in judging order (the order they are saved and get ids in), so
/// the judge's order and tie-breaks are those of saving one entry at a time.
/// <para>
/// Saves run beside the next decisions, so a lookup may find in the store an item still listed here. That row is left
/// out (<see cref="WithoutListed"/>): the item is offered once, as unsaved, under the story stand-in its unsaved
/// companions share, so the judge sees each story under one id. Items leave the list only from its front, when their
/// batch is saved or failed, and only between decisions (<see cref="Prune"/>).
/// </para>
/// One caller decides at a time and alone adds, reads and prunes; the save stage only records ids and completion,
/// under the list's lock.
/// </summary>
internal sealed class UnsavedItems
{
    /// <summary>Candidate ids of unsaved items are this plus their position: above every stored id, in judging order.</summary>
    private const long IdBase = long.MaxValue / 2;

    private readonly List<UnsavedItem> _items = [];
    /// <summary>Band key → the listed items with that key, in judging order: a lookup reads its keys' lists instead of
    /// testing every listed item's keys (a few dozen items × 40 keys per lookup).</summary>
    private readonly Dictionary<long, List<UnsavedItem>> _byKey = [];
    private readonly object _lock = new();
    private long _nextPosition;

    public int Count => _items.Count;

    public UnsavedItem Add(SaveBatch batch, PreparedEntry entry, StoryAssignment assignment, UnsavedItem? joins, EntryResult[] results, int resultIndex)
    {
        var item = new UnsavedItem(_nextPosition++, entry, assignment, joins, batch, results, resultIndex);
        _items.Add(item);
        batch.Items.Add(item);
        foreach (var key in entry.Item.BandKeys)
        {
            if (!_byKey.TryGetValue(key, out var list)) _byKey[key] = list = [];
            if (list.Count == 0 || list[^1] != item) list.Add(item); // a key repeated within one item counts once
        }
        return item;
    }

    /// <summary>Drops the front items whose batch is finished: saved ones are in the store now, failed ones never will be.</summary>
    public void Prune()
    {
        var n = 0;
        lock (_lock)
        {
            while (n < _items.Count && _items[n].Batch.Finished) _items[n++].Listed = false;
        }
        if (n == 0) return;
        for (var i = 0; i < n; i++) Unindex(_items[i]);
        _items.RemoveRange(0, n);
    }

    private void Unindex(UnsavedItem item)
    {
        foreach (var key in item.Entry.Item.BandKeys)
        {
            if (!_byKey.TryGetValue(key, out var list)) continue;
            list.Remove(item);
            if (list.Count == 0) _byKey.Remove(key);
        }
    }

    /// <summary>Forgets a batch that will not be saved (its decisions were cut short); it is the last one listed.</summary>
    public void Abandon(SaveBatch batch)
    {
        foreach (var item in batch.Items)
        {
            item.Listed = false;
            Unindex(item);
        }
        _items.RemoveAll(i => i.Batch == batch);
    }

    /// <summary>Whether the store's exact lookup (<see cref="IItemStore.FindExactAsync"/>) would find a listed item once
    /// saved: same source and guid, same link, or same content hash.</summary>
    public bool MatchesExactly(NewItem item)
    {
        foreach (var p in _items)
        {
            var other = p.Entry.Item;
            if ((item.Guid is not null && other.SourceId == item.SourceId && other.Guid == item.Guid)
                || (item.Link is not null && other.Link == item.Link)
                || other.ContentHash == item.ContentHash)
                return true;
        }
        return false;
    }

    /// <summary>Listed items sharing a band key with <paramref name="bandKeys"/>, published at or after
    /// <paramref name="notBefore"/> (the store's candidate rule), as judge candidates with their shingles.</summary>
    public IEnumerable<(DedupCandidate Candidate, DateTimeOffset Published)> Candidates(long[] bandKeys, DateTimeOffset notBefore)
    {
        var sharing = new List<UnsavedItem>();
        foreach (var key in bandKeys)
            if (_byKey.TryGetValue(key, out var list))
                foreach (var p in list)
                    if (!sharing.Contains(p)) sharing.Add(p);
        sharing.Sort(static (a, b) => a.Position.CompareTo(b.Position)); // judging order, as the list holds them
        foreach (var p in sharing)
        {
            var item = p.Entry.Item;
            if (item.Published < notBefore) continue;
            var fingerprint = new Fingerprint(item.ContentHash, item.Signature, item.ShingleCount, []);
            yield return (new DedupCandidate(IdBase + p.Position, StoryOf(p), item.Title, item.Text, fingerprint) { Shingles = p.Entry.Shingles },
                item.Published);
        }
    }

    /// <summary>The store's rows without those of listed items (saved meanwhile, already offered as unsaved), and how
    /// many were left out.</summary>
    public (IReadOnlyList<CandidateItem> Rows, int LeftOut) WithoutListed(IReadOnlyList<CandidateItem> rows)
    {
        HashSet<long>? listed = null;
        lock (_lock)
        {
            foreach (var p in _items)
                if (p.InsertedId is { } id) (listed ??= []).Add(id);
        }
        if (listed is null) return (rows, 0);
        var kept = new List<CandidateItem>(rows.Count);
        foreach (var row in rows)
            if (!listed.Contains(row.ItemId)) kept.Add(row);
        return (kept, rows.Count - kept.Count);
    }

    /// <summary>The listed item behind a candidate id, or null for a stored item.</summary>
    public UnsavedItem? Find(long candidateId)
    {
        if (candidateId < IdBase) return null;
        var position = candidateId - IdBase;
        for (var k = _items.Count - 1; k >= 0; k--)
            if (_items[k].Position == position) return _items[k];
        return null;
    }

    /// <summary>
    /// The story an item is in, as the judge should tell stories apart: a stored story it joined; the story of the item
    /// it joined (once that item's batch has left the list, the story it was saved in); or, for a story it starts, a
    /// negative stand-in no stored story has.
    /// </summary>
    private long StoryOf(UnsavedItem item)
    {
        while (true)
        {
            if (item.Assignment.StoryId is { } stored) return stored;
            if (item.Joins is not { } joined) return -1 - item.Position;
            if (!joined.Listed)
                return SavedAs(joined) is { } saved ? saved.StoryId : -1 - item.Position; // unsaved: it will start its own
            item = joined;
        }
    }

    // The save stage's side.

    /// <summary>The id an item got in a transaction not yet committed.</summary>
    public void Inserted(UnsavedItem item, long itemId)
    {
        lock (_lock) item.InsertedId = itemId;
    }

    /// <summary>The transaction that gave these items ids was rolled back: the ids may go to other items.</summary>
    public void RolledBack(IEnumerable<UnsavedItem> items)
    {
        lock (_lock)
            foreach (var item in items)
                if (item.Saved is null) item.InsertedId = null;
    }

    public void Saved(UnsavedItem item, (long ItemId, long StoryId) ids)
    {
        lock (_lock) item.Saved = ids;
    }

    public (long ItemId, long StoryId)? SavedAs(UnsavedItem item)
    {
        lock (_lock) return item.Saved;
    }

    public void Finished(SaveBatch batch)
    {
        lock (_lock) batch.Finished = true;
    }
}

/// <summary>One judged item on its way to the store, with what later decisions need of it.</summary>
internal sealed class UnsavedItem(long position, PreparedEntry entry, StoryAssignment assignment, UnsavedItem? joins, SaveBatch batch,
    EntryResult[] results, int resultIndex)
{
    public long Position { get; } = position;
    public PreparedEntry Entry { get; } = entry;
    /// <summary>A stored story it joins (with the matched item), or a new story; see <see cref="Joins"/>.</summary>
    public StoryAssignment Assignment { get; } = assignment;
    /// <summary>The unsaved item it matched: it joins that item's story once saved (its own, if that item is not saved).</summary>
    public UnsavedItem? Joins { get; } = joins;
    public SaveBatch Batch { get; } = batch;
    /// <summary>Where its outcome goes: the results of the poll it came from.</summary>
    public EntryResult[] Results { get; } = results;
    public int ResultIndex { get; } = resultIndex;

    /// <summary>False once dropped from the list (saved, failed or abandoned).</summary>
    public bool Listed { get; set; } = true;
    /// <summary>Set by the save (under the list's lock): the id given in the transaction, and the ids once committed.</summary>
    public long? InsertedId { get; set; }
    public (long ItemId, long StoryId)? Saved { get; set; }
}

/// <summary>Items saved in one transaction, in judging order. <see cref="Completion"/> never fails: outcomes and errors
/// go to each item's result.</summary>
internal sealed class SaveBatch
{
    public List<UnsavedItem> Items { get; } = [];
    public Task Completion { get; set; } = Task.CompletedTask;
    /// <summary>Saved or failed, every item (written under the list's lock).</summary>
    public bool Finished { get; set; }
}
