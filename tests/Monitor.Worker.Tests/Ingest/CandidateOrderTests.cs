using Monitor.Core.Dedup;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;
using Xunit;

namespace Monitor.Worker.Tests.Ingest;

/// <summary>
/// The judge's candidate order decides its tie-breaks: <see cref="CandidateOrder"/> must give exactly what a stable
/// LINQ sort by (published descending, id descending) of the store's rows followed by the pending items gave.
/// </summary>
public sealed class CandidateOrderTests
{
    [Fact]
    public void Rows_already_in_the_stores_order_stay_as_they_are()
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var rows = new[] { Row(9, t), Row(7, t), Row(8, t.AddMinutes(-1)), Row(3, t.AddHours(-1)) };

        var ordered = CandidateOrder.NewestFirst(rows, []);

        Assert.Equal([9L, 7, 8, 3], ordered.Select(c => c.ItemId));
        Assert.Equal(rows.Select(r => r.Signature), ordered.Select(c => c.Fingerprint.Signature));
    }

    [Fact]
    public void Matches_a_stable_sort_by_time_then_id_on_random_rows_and_pending_items_with_ties()
    {
        var random = new Random(42);
        var t = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        for (var round = 0; round < 300; round++)
        {
            // Few distinct times and ids, so equal keys (same time and id) are common; sometimes pre-sorted.
            var rows = Enumerable.Range(0, random.Next(0, 40))
                .Select(_ => Row(random.Next(1, 12), t.AddMinutes(-random.Next(0, 5)))).ToList();
            if (round % 3 == 0) rows = [.. rows.OrderByDescending(r => r.Published).ThenByDescending(r => r.ItemId)];
            var pending = Enumerable.Range(0, random.Next(0, 4))
                .Select(k => (Candidate: Candidate(1_000 + random.Next(0, 3), k), Published: t.AddMinutes(-random.Next(0, 5)))).ToList();

            var expected = rows
                .Select(c => (Candidate: Candidate(c.ItemId, 0, c.Signature), c.Published))
                .Concat(pending)
                .OrderByDescending(c => c.Published).ThenByDescending(c => c.Candidate.ItemId)
                .Select(c => (c.Candidate.ItemId, c.Candidate.Fingerprint.Signature))
                .ToList();

            var actual = CandidateOrder.NewestFirst(rows, pending).Select(c => (c.ItemId, c.Fingerprint.Signature)).ToList();

            Assert.Equal(expected, actual);
        }
    }

    private static int _next;

    /// <summary>A stored row with a signature no other row has, so equal keys are still told apart in the comparison.</summary>
    private static CandidateItem Row(long id, DateTimeOffset published) =>
        new(id, 100 + id, "src", "", "", "hash", [(uint)Interlocked.Increment(ref _next)], 10, published);

    private static DedupCandidate Candidate(long id, int mark, uint[]? signature = null) =>
        new(id, -1 - mark, "", "", new Fingerprint("hash", signature ?? [(uint)Interlocked.Increment(ref _next)], 10, []));
}
