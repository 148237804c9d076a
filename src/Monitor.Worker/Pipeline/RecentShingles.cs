namespace Monitor.Worker.Pipeline;

/// <summary>
/// The shingle sets of items this process has recently ingested or verified, so that the judge does not read and
/// re-shingle a candidate's text each time the candidate is shortlisted (republications arrive within hours of the
/// original, and a publisher's recent statements are shortlisted again and again for their shared phrasing).
/// <para>Keyed by content hash, not item id: equal content hashes mean equal cleaned words of title and text, so equal
/// shingles, whichever item carries them; an edited item has a new content hash, so an entry is never stale.</para>
/// <para>Bounded by <see cref="MaxBytes"/> (<c>Monitor:Dedup:RememberedShinglesMiB</c>, 16 MiB by default: about 9,000
/// items of the usual 200 shingles). When
/// full, the oldest entry goes, unless it was used since it last came round (second chance), then it moves to the
/// back. Thread-safe: the ingestor is shared by the poll workers.</para>
/// </summary>
public sealed class RecentShingles(long maxBytes = RecentShingles.DefaultMaxBytes)
{
    public const long DefaultMaxBytes = 16L * 1024 * 1024;

    /// <summary>Bytes held per entry besides the hashes: the array header, the entry, its dictionary and queue slots,
    /// and the 64-character key string.</summary>
    internal const int EntryOverheadBytes = 240;

    private sealed class Entry(ulong[] shingles)
    {
        public ulong[] Shingles { get; } = shingles;
        public bool Used { get; set; }
    }

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private long _bytes;

    /// <summary>The most this holds, in bytes (estimated as <see cref="SizeOf"/>).</summary>
    public long MaxBytes { get; } = maxBytes;

    /// <summary>Bytes held now.</summary>
    public long Bytes { get { lock (_gate) return _bytes; } }

    public int Count { get { lock (_gate) return _entries.Count; } }

    /// <summary>Lookups answered and not answered since the start (for benchmarks and metrics).</summary>
    public (long Hits, long Misses) Lookups { get { lock (_gate) return (_hits, _misses); } }

    private long _hits, _misses;

    public bool TryGet(string contentHash, out ulong[] shingles)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(contentHash, out var entry))
            {
                _hits++;
                entry.Used = true;
                shingles = entry.Shingles;
                return true;
            }
            _misses++;
        }
        shingles = [];
        return false;
    }

    /// <summary>Remembers the sorted distinct shingles of the text whose content hash is <paramref name="contentHash"/>.
    /// The caller must not change the array afterwards (it is shared with every later reader).</summary>
    public void Add(string contentHash, ulong[] shingles)
    {
        if (string.IsNullOrEmpty(contentHash)) return;
        var size = SizeOf(shingles);
        if (size > MaxBytes) return;
        lock (_gate)
        {
            if (_entries.ContainsKey(contentHash)) return;
            _entries[contentHash] = new Entry(shingles);
            _order.Enqueue(contentHash);
            _bytes += size;
            while (_bytes > MaxBytes && _order.TryDequeue(out var oldest))
            {
                var entry = _entries[oldest];
                if (entry.Used && oldest != contentHash)
                {
                    entry.Used = false;
                    _order.Enqueue(oldest);
                    continue;
                }
                _entries.Remove(oldest);
                _bytes -= SizeOf(entry.Shingles);
            }
        }
    }

    internal static long SizeOf(ulong[] shingles) => 8L * shingles.Length + EntryOverheadBytes;
}
