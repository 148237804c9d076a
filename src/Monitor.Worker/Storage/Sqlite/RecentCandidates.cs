namespace Monitor.Worker.Storage.Sqlite;

/// <summary>
/// The ranking columns of the most recently written or read <c>item_keys</c> rows, by row (<c>seq</c>): most
/// candidates of a new article are items of the last hours, and reading ≈ 60 rows by primary key was most of a lookup.
/// Keyed by row, an entry can never be stale: an edit writes a new row under a new seq (AUTOINCREMENT never reuses one),
/// and the columns kept (story, source, hash, signature, shingle count, published) never change within a row.
/// Bounded to <see cref="Capacity"/> entries, oldest out first: about 0.8 KB each (the signature is 480 bytes), so
/// ≈ 26 MB when full, whatever the window. At 1M items stored, 8,192 entries left 1.3 rows per lookup to read from
/// the file, a quarter of the lookup's time (docs/performance.md, "Ingest, session 7"). Not thread-safe: the owner
/// serialises calls.
/// </summary>
internal sealed class RecentCandidates
{
    public const int Capacity = 32768;
    private readonly Dictionary<long, CandidateItem> _rows = new();
    private readonly Queue<long> _order = new();

    public bool TryGet(long row, out CandidateItem item) => _rows.TryGetValue(row, out item!);

    public void Remember(long row, CandidateItem item)
    {
        if (!_rows.TryAdd(row, item)) return;
        _order.Enqueue(row);
        while (_order.Count > Capacity) _rows.Remove(_order.Dequeue());
    }
}
