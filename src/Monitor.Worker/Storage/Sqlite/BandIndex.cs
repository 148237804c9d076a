using System.Runtime.InteropServices;

namespace Monitor.Worker.Storage.Sqlite;

/// <summary>
/// The candidate index in memory: band key → item, for the items whose keys the store keeps (the candidate window).
/// Written to SQLite as 40 random B-tree rows per item, it cost 0.5–1 ms of CPU per item; here an insert is 40 writes
/// into one array.
/// <para>
/// Layout (why so plain): one open-addressing table of 8-byte entries, <c>(key32 &lt;&lt; 32) | (slot + 1)</c>, 0 = empty,
/// linear probing; the slot indexes one array of <see cref="Slot"/>s holding the item's id, published time and row (its
/// <c>item_keys</c> rowid, which the store reads the candidate's signature from), side by side: a lookup touches a
/// few hundred slots at random, one cache line each instead of one per field. Keys are folded to 32 bits:
/// a false match is rare (one in 2^32 per key pair) and harmless, since every candidate is ranked by its signature and
/// verified on its text. The table is kept between 60% and 80% full, so an item with 40 keys costs
/// 40 × 8 / 0.8..0.6 = 400–530 bytes plus 24 for its slot.
/// </para>
/// <para>
/// Removing an item only marks its slot dead (its entries are skipped); dead slots and their entries go when the table
/// is rebuilt, which happens when it grows, after <see cref="PruneOlderThan"/>, or once a quarter of the slots are dead.
/// Not thread-safe on its own: the owner serialises calls.
/// </para>
/// </summary>
internal sealed class BandIndex
{
    private const int MinCapacity = 1024;
    private const long Dead = -1;

    private struct Slot
    {
        public long ItemId;
        public long Published;
        public long Row;
    }

    private Slot[] _slotData = new Slot[64];
    private int _slots;      // slots used, live or dead
    private int _deadSlots;
    private ulong[] _table = new ulong[MinCapacity];
    private int _entries;    // occupied cells, dead items' included
    private int[] _scratch = new int[256]; // Find's slot list, kept between lookups

    /// <summary>Live items.</summary>
    public int Count => _slots - _deadSlots;

    /// <summary>Bytes held by the arrays (what the index costs beyond the runtime's own overhead).</summary>
    public long Bytes => _table.LongLength * sizeof(ulong) + _slotData.LongLength * System.Runtime.CompilerServices.Unsafe.SizeOf<Slot>()
                         + _scratch.LongLength * sizeof(int);

    /// <summary>Folds a 64-bit band key to the 32 bits the index keeps (and the store writes).</summary>
    public static uint Fold(long key) => unchecked((uint)(key ^ (key >> 32)));

    /// <summary>Sizes the arrays for this many more items and keys at once (a load from the database), so the
    /// table is not rebuilt again and again as it fills.</summary>
    public void Reserve(int items, int entries)
    {
        if (_entries + entries > MaxEntries(_table.Length)) Rebuild(entries);
        if (_slots + items > _slotData.Length) ResizeSlots(_slots + items);
    }

    public void Add(long itemId, long published, long row, ReadOnlySpan<uint> keys)
    {
        if (_entries + keys.Length > MaxEntries(_table.Length) || _deadSlots > Math.Max(64, _slots / 4))
            Rebuild(keys.Length);
        if (_slots == _slotData.Length) ResizeSlots(Math.Max(64, _slots * 2));
        var slot = _slots++;
        _slotData[slot] = new Slot { ItemId = itemId, Published = published, Row = row };
        foreach (var key in keys) Insert(_table, key, slot);
        _entries += keys.Length;
    }

    /// <summary>Forgets an item (its keys changed, or it left the window). Newest slots are searched first.</summary>
    public bool Remove(long itemId)
    {
        for (var slot = _slots - 1; slot >= 0; slot--)
        {
            if (_slotData[slot].ItemId != itemId) continue;
            _slotData[slot].ItemId = Dead;
            _deadSlots++;
            return true;
        }
        return false;
    }

    /// <summary>Forgets every item published before <paramref name="publishedMs"/>, then compacts. Returns how many went.</summary>
    public int PruneOlderThan(long publishedMs)
    {
        var removed = 0;
        for (var slot = 0; slot < _slots; slot++)
        {
            ref var s = ref _slotData[slot];
            if (s.ItemId == Dead || s.Published >= publishedMs) continue;
            s.ItemId = Dead;
            _deadSlots++;
            removed++;
        }
        if (removed > 0) Rebuild(0);
        return removed;
    }

    /// <summary>
    /// Live items sharing at least one key, published at or after <paramref name="notBefore"/>: the
    /// <paramref name="cap"/> most recent, newest first (then highest id), as the SQL index query ordered them.
    /// </summary>
    public List<(long ItemId, long Published, long Row)> Find(ReadOnlySpan<uint> keys, long notBefore, int cap)
    {
        // The table and the slots are hundreds of MB, so nearly every first touch is a cache miss. Each phase below
        // makes its loads independent of each other (no branch on one load decides the next), so the processor has
        // many misses in flight at once instead of waiting for each in turn.
        var table = _table;
        var capacity = table.Length;
        Span<int> homes = keys.Length <= 128 ? stackalloc int[keys.Length] : new int[keys.Length];
        Span<ulong> firsts = keys.Length <= 128 ? stackalloc ulong[keys.Length] : new ulong[keys.Length];
        for (var k = 0; k < keys.Length; k++) homes[k] = Home(keys[k], capacity);
        for (var k = 0; k < keys.Length; k++) firsts[k] = table[homes[k]];

        // The slots whose entries carry one of the keys (an item sharing several keys is listed once per key).
        var taken = _scratch;
        var n = 0;
        for (var k = 0; k < keys.Length; k++)
        {
            var key = keys[k];
            var i = homes[k];
            for (var e = firsts[k]; e != 0; e = table[i])
            {
                if ((uint)(e >> 32) == key)
                {
                    if (n == taken.Length) Array.Resize(ref taken, n * 2);
                    taken[n++] = (int)(uint)e - 1;
                }
                i = i + 1 == capacity ? 0 : i + 1;
            }
        }
        _scratch = taken;
        // In slot order, once each: repeated slots fall next to each other, and the loads walk memory forwards.
        var slots = taken.AsSpan(0, n);
        MergeSort.Sort(slots, new Ascending());
        var found = new List<(long ItemId, long Published, long Row)>(Math.Min(n, 256));
        var data = _slotData;
        for (var j = 0; j < slots.Length; j++)
        {
            if (j > 0 && slots[j] == slots[j - 1]) continue;
            ref var s = ref data[slots[j]];
            if (s.ItemId != Dead && s.Published >= notBefore) found.Add((s.ItemId, s.Published, s.Row));
        }
        SortNewestFirst(found);
        if (found.Count > cap) found.RemoveRange(cap, found.Count - cap);
        return found;
    }

    /// <summary>Published descending, then id descending (ties, which saved items do not make, in slot order).</summary>
    internal static void SortNewestFirst(List<(long ItemId, long Published, long Row)> found) =>
        MergeSort.Sort(CollectionsMarshal.AsSpan(found), new NewestFirst());

    private readonly struct NewestFirst : IComparer<(long ItemId, long Published, long Row)>
    {
        public int Compare((long ItemId, long Published, long Row) a, (long ItemId, long Published, long Row) b) =>
            a.Published != b.Published ? b.Published.CompareTo(a.Published) : b.ItemId.CompareTo(a.ItemId);
    }

    private readonly struct Ascending : IComparer<int>
    {
        public int Compare(int a, int b) => a.CompareTo(b);
    }

    private static int MaxEntries(int capacity) => (int)(capacity * 0.8);

    private void ResizeSlots(int size) => Array.Resize(ref _slotData, size);

    // Fibonacci hashing of the (possibly small, test-chosen) key, then the high half scaled to any table size.
    private static int Home(uint key, int capacity) => (int)((ulong)(key * 0x9E3779B1u) * (ulong)capacity >> 32);

    private static void Insert(ulong[] table, uint key, int slot)
    {
        var capacity = table.Length;
        var i = Home(key, capacity);
        while (table[i] != 0) i = i + 1 == capacity ? 0 : i + 1;
        table[i] = ((ulong)key << 32) | (uint)(slot + 1);
    }

    /// <summary>Drops dead slots and their entries and sizes the table to 60% full with the live entries and those coming.</summary>
    private void Rebuild(int adding)
    {
        var renumber = new int[_slots];
        var live = 0;
        for (var slot = 0; slot < _slots; slot++)
        {
            if (_slotData[slot].ItemId == Dead) { renumber[slot] = -1; continue; }
            renumber[slot] = live;
            _slotData[live++] = _slotData[slot];
        }
        var liveEntries = 0;
        foreach (var e in _table)
            if (e != 0 && renumber[(int)(uint)e - 1] >= 0) liveEntries++;

        var table = new ulong[Math.Max(MinCapacity, (int)((liveEntries + adding) / 0.6))];
        foreach (var e in _table)
        {
            if (e == 0) continue;
            var slot = renumber[(int)(uint)e - 1];
            if (slot >= 0) Insert(table, (uint)(e >> 32), slot);
        }
        _table = table;
        _entries = liveEntries;
        _slots = live;
        _deadSlots = 0;
        var size = Math.Max(64, live * 2);
        if (_slotData.Length > size * 2) ResizeSlots(size);
    }
}
