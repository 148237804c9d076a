using Monitor.Worker.Fetching;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Fetching;

/// <summary>Risk: raising the fetch concurrency for slow publishers also multiplies the memory of bodies in flight;
/// the process-wide body budget must hold real fetches back, without failing them, and give everything back.</summary>
public sealed class BodyBudgetFetchTests
{
    private const int BodyBytes = 700 * 1024;

    [Fact]
    public async Task A_body_that_does_not_fit_waits_for_the_budget_longer_than_the_stall_timeout_and_then_arrives_whole()
    {
        await using var server = await FeedServer.StartAsync();
        server.Huge("/a", BodyBytes).Huge("/b", BodyBytes);
        using var fetcher = new TestFetcher(o => { o.StallTimeout = TimeSpan.FromMilliseconds(500); o.Timeout = TimeSpan.FromSeconds(20); });
        var budget = new BodyMemoryBudget(1024 * 1024);

        var first = budget.Open();
        var a = await fetcher.Fetcher.FetchAsync(new FetchRequest(server.Url("/a"), null, null, false, first), CancellationToken.None);
        Assert.Equal(FetchStatus.Content, a.Status);
        Assert.Equal(BodyBytes, budget.Reserved);

        using var second = budget.Open();
        var b = fetcher.Fetcher.FetchAsync(new FetchRequest(server.Url("/b"), null, null, false, second), CancellationToken.None);
        // Held back for twice the stall timeout: waiting on our own budget is not the publisher stalling.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(b.IsCompleted, "the second body was read in full although the budget had no room for it");
        Assert.InRange(budget.Reserved, BodyBytes, 1024 * 1024);

        first.Dispose();
        var result = await b.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(FetchStatus.Content, result.Status);
        Assert.Equal(BodyBytes, result.Body.Length);
        Assert.Equal(BodyBytes, budget.Reserved);
    }

    [Fact]
    public async Task The_feed_reader_returns_the_parse_and_gives_the_body_back_to_the_budget()
    {
        await using var server = await FeedServer.StartAsync();
        server.Content("/feed", """
            <rss version="2.0"><channel><title>الائتلاف</title>
              <item><title>بيان حول القصف</title><link>http://example.org/1</link><guid>1</guid></item>
            </channel></rss>
            """);
        using var fetcher = new TestFetcher();
        var budget = new BodyMemoryBudget(1024 * 1024);
        var reader = new FeedReader(fetcher.Fetcher, budget);
        var source = new SourceRecord { Id = "s", Name = "s", Url = server.Url("/feed").ToString() };

        var read = await reader.ReadAsync(source, conditional: false, blockPrivate: false, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.True(read.Parse!.IsSuccess, read.Error);
        Assert.Equal("بيان حول القصف", Assert.Single(read.Parse.Document!.Entries).Title);
        Assert.Empty(read.Fetch.Body);
        Assert.True(read.Fetch.BytesRead > 0);
        Assert.Equal(0, budget.Reserved);
    }
}
