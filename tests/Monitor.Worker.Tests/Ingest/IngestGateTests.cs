using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Core.Feeds;
using Monitor.Worker.Configuration;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;
using NSubstitute;

namespace Monitor.Worker.Tests.Ingest;

/// <summary>
/// On SQLite (one writer connection for every store call of ingest) polls decide one at a time (the saves go on beside); on PostgreSQL
/// they do not wait for each other. The risk: a gate that serialises PostgreSQL for nothing, or none on SQLite, where
/// concurrent batches only contend for the writer.
/// </summary>
public sealed class IngestGateTests
{
    private static readonly SourceRecord Source = new() { Id = "news", Name = "News", Url = "https://news.example/feed" };

    [Theory]
    [InlineData("sqlite", 1)]
    [InlineData("postgres", 2)]
    public async Task A_second_batch_starts_its_lookups_only_after_the_first_on_sqlite(string provider, int lookupsWhileTheFirstWaits)
    {
        var store = Substitute.For<IItemStore>();
        var batches = Substitute.For<IItemBatchStore>();
        var lookups = 0;
        var storeAnswers = new TaskCompletionSource<ExistingItem?>(TaskCreationOptions.RunContinuationsAsynchronously);
        store.FindExactAsync(default!, default, default, default!, default).ReturnsForAnyArgs(_ =>
        {
            Interlocked.Increment(ref lookups);
            return storeAnswers.Task;
        });
        var options = new MonitorOptions { Storage = new StorageOptions { Provider = provider } };
        var ingestor = new ItemIngestor(store, batches, new TaggingRulesProvider(new ConfigurationBuilder().Build(),
            NullLogger<TaggingRulesProvider>.Instance), Options.Create(options));

        // Each call runs synchronously up to its first store lookup, which the store holds open.
        var first = ingestor.IngestBatchAsync(Source, [Entry("a", "بيان أول")], trustGuids: true, DateTimeOffset.UnixEpoch, CancellationToken.None);
        var second = ingestor.IngestBatchAsync(Source, [Entry("b", "بيان ثان")], trustGuids: true, DateTimeOffset.UnixEpoch, CancellationToken.None);
        Assert.Equal(lookupsWhileTheFirstWaits, Volatile.Read(ref lookups));

        storeAnswers.SetResult(null);
        var results = await Task.WhenAll(first, second);

        Assert.Equal(2, lookups);
        Assert.All(results, r => Assert.Equal(IngestOutcome.NewStory, Assert.Single(r).Outcome));
        await batches.ReceivedWithAnyArgs(2).SaveItemsAsync(default!, default, default);
    }

    private static FeedEntry Entry(string id, string text) => new() { Id = id, Title = text, Text = text, Published = DateTimeOffset.UnixEpoch };
}
