using Monitor.Worker.Mail;

namespace Monitor.Worker.Tests.Mail;

/// <summary>Risk guarded: retries that hammer a sick server or never come back; a rate limit that lets bursts through.</summary>
public sealed class DeliveryPolicyTests
{
    [Theory]
    [InlineData(1, 0.0, 30)]
    [InlineData(1, 1.0, 60)]
    [InlineData(2, 0.0, 60)]
    [InlineData(3, 0.5, 180)]
    [InlineData(7, 1.0, 3600)]
    [InlineData(30, 0.0, 1800)]
    public void Backoff_doubles_from_a_minute_with_equal_jitter_and_is_capped_at_an_hour(int failures, double jitter, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryBackoff.Delay(failures, jitter));
    }

    [Fact]
    public void Rate_limit_allows_a_minute_of_messages_then_spaces_them()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var limiter = new SendRateLimiter(messagesPerMinute: 3, clock);

        Assert.True(limiter.TryTake(out _));
        Assert.True(limiter.TryTake(out _));
        Assert.True(limiter.TryTake(out _));
        Assert.False(limiter.TryTake(out var wait));
        Assert.Equal(TimeSpan.FromSeconds(20), wait);
        clock.Advance(TimeSpan.FromSeconds(19));
        Assert.False(limiter.TryTake(out _));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryTake(out _));
    }
}
