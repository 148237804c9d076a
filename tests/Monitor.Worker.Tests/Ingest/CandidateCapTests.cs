using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Core.Feeds;
using Monitor.Worker.Configuration;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;
using NSubstitute;

using static Monitor.Worker.Tests.Ingest.StatementTexts;

namespace Monitor.Worker.Tests.Ingest;

/// <summary>
/// The store returns at most <see cref="IItemStore.CandidateCap"/> candidates, newest first. When some of them are
/// rows of items the ingestor still lists as unsaved (saved meanwhile), they are left out, and the places they took
/// must go to the next older candidates, as a store without them would have answered. The risk: older candidates
/// silently lost whenever a lookup overlaps a save. A unit test: the store is a substitute.
/// </summary>
public sealed class CandidateCapTests
{
    private static readonly SourceRecord Source = new() { Id = "news", Name = "News", Url = "https://news.example/feed" };
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);

    [Fact]
    public async Task Rows_of_unsaved_items_under_a_full_cap_are_replaced_by_older_candidates()
    {
        const long committedId = 5_000;
        var store = Substitute.For<IItemStore>();
        var batches = Substitute.For<IItemBatchStore>();
        var held = new TaskCompletionSource<IReadOnlyList<(long, long)>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reachedCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The first poll's save reports its item's id (as inside the transaction) and then holds, committed but not returned.
        batches.SaveItemsAsync(default!, default, default).ReturnsForAnyArgs(call =>
        {
            call.Arg<Action<int, long>?>()?.Invoke(0, committedId);
            reachedCommit.TrySetResult();
            return held.Task;
        });
        // A full cap of unrelated candidates (signatures far from any text), the committed item among them.
        var rows = Enumerable.Range(0, IItemStore.CandidateCap)
            .Select(n => Row(n == 0 ? committedId : 4_000 - n, T0.AddMinutes(-n))).ToList();
        store.FindCandidateSignaturesAsync(default!, default, default, default).ReturnsForAnyArgs(rows);
        var ingestor = new ItemIngestor(store, batches, new TaggingRulesProvider(new ConfigurationBuilder().Build(),
            NullLogger<TaggingRulesProvider>.Instance), Options.Create(new MonitorOptions()));

        var first = ingestor.IngestBatchAsync(Source, [Entry(1, Statement)], trustGuids: true, T0, CancellationToken.None);
        await reachedCommit.Task;
        store.ClearReceivedCalls();
        var second = ingestor.IngestBatchAsync(Source, [Entry(2, OtherStatement)], trustGuids: true, T0, CancellationToken.None);
        await Task.Yield();

        await store.Received(1).FindCandidateSignaturesAsync(Arg.Any<IReadOnlyList<long>>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>(), 0);
        await store.Received(1).FindCandidateSignaturesAsync(Arg.Any<IReadOnlyList<long>>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>(), 1);
        held.SetResult([(committedId, 1)]);
        await Task.WhenAll(first, second);
    }

    private static CandidateItem Row(long id, DateTimeOffset published) =>
        new(id, id, "other", "", "", "hash-" + id, Enumerable.Range(0, 120).Select(k => (uint)(id * 1_000 + k)).ToArray(), 50, published);

    private static FeedEntry Entry(int n, string text) => new()
    {
        Id = "urn:entry:" + n, Link = "https://news.example/" + n, Title = "بيان " + n, Text = text, Published = T0.AddMinutes(n),
    };
}
