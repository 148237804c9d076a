using Monitor.Worker.Storage;

namespace Monitor.Benchmarks.Scenarios.Ingest;

/// <summary>
/// Puts N items of history in the store before the measured ingest, fast: SQLite through <see cref="StoreBulkFill"/>
/// (20k rows per transaction), PostgreSQL through the store's own batch path (<see cref="IItemBatchStore"/>, 500 per
/// transaction). History items carry 40 random band keys each, as many as a real item (so they occupy the candidate
/// index like real items but rarely match the new ones: the lookup cost of a miss is the common case; SQLite keeps each
/// item's keys as one item_keys row, which its in-memory index is built from), and published times 2.6 s apart ending
/// where the measured articles begin, so about 465,000 of a million items fall inside the 14-day candidate window.
/// </summary>
internal static class HistoryFill
{
    public static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(2_600);

    public static async Task FillAsync(IMonitorStore store, string? sqliteFile, int count, int sources, DateTimeOffset end, CancellationToken ct,
        string sourcePrefix = "news")
    {
        var random = new Random(20261122);
        var items = Enumerable.Range(0, count).Select(n => Item(n, count, sources, sourcePrefix, end, random));
        if (sqliteFile is not null)
        {
            StoreBulkFill.Fill(sqliteFile, items);
            return;
        }
        var batches = (IItemBatchStore)store;
        foreach (var chunk in items.Chunk(500))
            await batches.SaveItemsAsync(chunk.Select(i => (i, new StoryAssignment())).ToList(), ct);
    }

    private static NewItem Item(int n, int count, int sources, string sourcePrefix, DateTimeOffset end, Random random)
    {
        var published = end - Spacing * (count - n);
        var keys = new long[40];
        for (var k = 0; k < keys.Length; k++) keys[k] = random.NextInt64();
        return new NewItem
        {
            SourceId = sourcePrefix + (n % sources), Guid = "urn:history:" + n, Link = $"https://history.example/{n}",
            Title = $"بيان الائتلاف الوطني السوري رقم {n} حول التطورات الميدانية",
            Text = string.Concat(Enumerable.Repeat("أكد الائتلاف الوطني السوري في بيان اليوم على ضرورة الحل السياسي وفق القرار 2254. ", 7)) + n,
            Published = published, FetchedAt = published.AddMinutes(3), ContentHash = "history" + n.ToString("x8"),
            Signature = new uint[128], ShingleCount = 90, BandKeys = keys,
        };
    }
}
