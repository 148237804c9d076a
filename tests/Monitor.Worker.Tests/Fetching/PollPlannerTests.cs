using Monitor.Worker.Fetching;

namespace Monitor.Worker.Tests.Fetching;

/// <summary>Risk: polling a failing site at full rate, retrying all sources in lockstep, or ignoring a feed's rhythm.</summary>
public sealed class PollPlannerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2025-03-01T12:00:00Z");
    private static readonly PollBounds Bounds = new(TimeSpan.FromMinutes(2), TimeSpan.FromHours(6), TimeSpan.FromHours(4), JitterFraction: 0.2);
    private static readonly TimeSpan Fifteen = TimeSpan.FromMinutes(15);

    [Fact]
    public void Healthy_source_without_hints_uses_its_configured_interval()
    {
        var next = PollPlanner.NextPoll(Now, Fifteen, 0, null, null, null, [], Bounds, new Random(1));

        Assert.Equal(Now + Fifteen, next);
    }

    [Theory]
    [InlineData(1, 15)]
    [InlineData(2, 30)]
    [InlineData(3, 60)]
    [InlineData(4, 120)]
    public void Failures_back_off_exponentially_within_the_jitter_band(int failures, int expectedMinutes)
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var delay = PollPlanner.NextPoll(Now, Fifteen, failures, null, null, null, [], Bounds, new Random(seed)) - Now;

            Assert.InRange(delay.TotalMinutes, expectedMinutes * 0.8, expectedMinutes * 1.2);
        }
    }

    [Fact]
    public void Backoff_never_exceeds_the_cap_even_after_many_failures()
    {
        for (var failures = 5; failures < 200; failures += 7)
        {
            var delay = PollPlanner.NextPoll(Now, Fifteen, failures, null, null, null, [], Bounds, new Random(failures)) - Now;

            Assert.InRange(delay, Bounds.MaxBackoff * 0.8, Bounds.MaxBackoff);
        }
    }

    [Fact]
    public void Jitter_spreads_sources_that_failed_together()
    {
        var random = new Random(42);
        var delays = Enumerable.Range(0, 50)
            .Select(_ => PollPlanner.NextPoll(Now, Fifteen, 3, null, null, null, [], Bounds, random))
            .Distinct()
            .Count();

        Assert.True(delays > 40, $"only {delays} distinct retry times out of 50");
    }

    [Fact]
    public void Retry_after_is_a_floor_even_when_backoff_is_shorter()
    {
        var next = PollPlanner.NextPoll(Now, Fifteen, 1, TimeSpan.FromHours(2), null, null, [], Bounds, new Random(1));

        Assert.Equal(Now + TimeSpan.FromHours(2), next);
    }

    [Fact]
    public void Retry_after_is_a_floor_on_success_too()
    {
        var next = PollPlanner.NextPoll(Now, Fifteen, 0, TimeSpan.FromMinutes(40), null, null, [], Bounds, new Random(1));

        Assert.Equal(Now + TimeSpan.FromMinutes(40), next);
    }

    [Fact]
    public void Busy_feed_is_polled_at_half_its_median_gap()
    {
        var entries = Enumerable.Range(0, 10).Select(i => Now - TimeSpan.FromMinutes(10 * i)).ToList();

        var next = PollPlanner.NextPoll(Now, Fifteen, 0, null, null, null, entries, Bounds, new Random(1));

        Assert.Equal(Now + TimeSpan.FromMinutes(5), next);
    }

    [Fact]
    public void Quiet_feed_is_polled_less_often_but_within_the_maximum()
    {
        var daily = Enumerable.Range(0, 10).Select(i => Now - TimeSpan.FromDays(i)).ToList();

        var next = PollPlanner.NextPoll(Now, Fifteen, 0, null, null, null, daily, Bounds, new Random(1));

        Assert.Equal(Now + Bounds.Max, next);
    }

    [Fact]
    public void Very_busy_feed_is_not_polled_faster_than_the_minimum()
    {
        var burst = Enumerable.Range(0, 10).Select(i => Now - TimeSpan.FromSeconds(30 * i)).ToList();

        var next = PollPlanner.NextPoll(Now, Fifteen, 0, null, null, null, burst, Bounds, new Random(1));

        Assert.Equal(Now + Bounds.Min, next);
    }

    [Fact]
    public void Feed_ttl_and_cache_max_age_postpone_the_next_poll()
    {
        var withTtl = PollPlanner.NextPoll(Now, Fifteen, 0, null, null, TimeSpan.FromMinutes(60), [], Bounds, new Random(1));
        var withMaxAge = PollPlanner.NextPoll(Now, Fifteen, 0, null, TimeSpan.FromMinutes(30), null, [], Bounds, new Random(1));
        var shortMaxAge = PollPlanner.NextPoll(Now, Fifteen, 0, null, TimeSpan.FromMinutes(1), null, [], Bounds, new Random(1));

        Assert.Equal(Now + TimeSpan.FromMinutes(60), withTtl);
        Assert.Equal(Now + TimeSpan.FromMinutes(30), withMaxAge);
        Assert.Equal(Now + Fifteen, shortMaxAge);
    }

    [Fact]
    public void Median_gap_ignores_one_long_pause_and_duplicate_times()
    {
        var times = new List<DateTimeOffset>
        {
            Now, Now, Now.AddHours(-1), Now.AddHours(-2), Now.AddHours(-3), Now.AddDays(-10),
        };

        Assert.Equal(TimeSpan.FromHours(1), EntryRhythm.MedianGap(times));
        Assert.Null(EntryRhythm.MedianGap([Now, Now.AddHours(-1)]));
    }
}
