using Monitor.Worker.Fetching;

namespace Monitor.Worker.Tests.Fetching;

/// <summary>Risk: many fetches in flight each bringing a large body at once and exhausting memory, or readers that each
/// hold part of a body waiting on one another forever.</summary>
public sealed class BodyMemoryBudgetTests
{
    [Fact]
    public async Task Reservations_within_the_cap_are_granted_at_once_and_given_back_on_dispose()
    {
        var budget = new BodyMemoryBudget(1000);
        using (var a = budget.Open())
        using (var b = budget.Open())
        {
            await a.ReserveAsync(400, CancellationToken.None);
            await b.ReserveAsync(600, CancellationToken.None);
            Assert.Equal(1000, budget.Reserved);
        }
        Assert.Equal(0, budget.Reserved);
    }

    [Fact]
    public async Task A_reservation_past_the_cap_waits_until_another_reader_gives_its_bytes_back()
    {
        var budget = new BodyMemoryBudget(1000);
        var first = budget.Open();
        using var second = budget.Open();
        await first.ReserveAsync(800, CancellationToken.None);

        var waiting = second.ReserveAsync(300, CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(800, budget.Reserved);

        first.Dispose();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(300, budget.Reserved);
    }

    [Fact]
    public async Task The_oldest_reader_is_never_made_to_wait_so_partial_bodies_cannot_deadlock()
    {
        var budget = new BodyMemoryBudget(1000);
        using var older = budget.Open();
        var younger = budget.Open();
        await older.ReserveAsync(500, CancellationToken.None);
        await younger.ReserveAsync(500, CancellationToken.None);

        // Both hold half of the cap and both want more: the younger waits, the older goes on past the cap.
        var youngerMore = younger.ReserveAsync(100, CancellationToken.None).AsTask();
        await older.ReserveAsync(700, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1700, budget.Reserved);
        Assert.False(youngerMore.IsCompleted);

        older.Dispose();
        await youngerMore.WaitAsync(TimeSpan.FromSeconds(10));
        younger.Dispose();
        Assert.Equal(0, budget.Reserved);
    }

    [Fact]
    public async Task A_reader_still_waiting_for_its_response_does_not_hold_the_others_back()
    {
        var budget = new BodyMemoryBudget(1000);
        using var silent = budget.Open(); // opened first, has not read a byte (headers still to come)
        using var a = budget.Open();
        using var b = budget.Open();
        await a.ReserveAsync(900, CancellationToken.None);
        await b.ReserveAsync(50, CancellationToken.None);

        // a is the oldest reader that has reserved, so it is not made to wait behind the silent one.
        await a.ReserveAsync(500, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1450, budget.Reserved);
    }

    [Fact]
    public async Task A_cancelled_wait_throws_and_leaves_the_reader_holding_only_what_it_had()
    {
        var budget = new BodyMemoryBudget(1000);
        using var first = budget.Open();
        using var second = budget.Open();
        await first.ReserveAsync(1000, CancellationToken.None);
        await second.ReserveAsync(0, CancellationToken.None);
        using var cts = new CancellationTokenSource();

        var waiting = second.ReserveAsync(10, cts.Token).AsTask();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1000, budget.Reserved);
        first.Dispose();
        Assert.Equal(0, budget.Reserved);
    }
}
