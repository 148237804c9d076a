namespace Monitor.Worker.Fetching;

/// <summary>
/// When to poll a source next (pure: the clock and the randomness are passed in).
/// <list type="bullet">
/// <item>After failures: exponential backoff from the configured interval (×2 per further failure), jittered, capped.</item>
/// <item>After a success: the feed's own rhythm (half its median gap between entries, so a new entry waits at most about
/// half a gap), else the configured interval; never sooner than the feed's TTL or Cache-Control freshness (polling
/// earlier would only fetch the same bytes); always within [Min, Max].</item>
/// <item>A Retry-After is a floor in every case: the host said when it wants to hear from us again.</item>
/// </list>
/// </summary>
public static class PollPlanner
{
    public static DateTimeOffset NextPoll(DateTimeOffset now, TimeSpan configuredInterval, int consecutiveFailures,
        TimeSpan? retryAfter, TimeSpan? cacheMaxAge, TimeSpan? feedTtl, IReadOnlyList<DateTimeOffset> recentEntryTimes,
        PollBounds bounds, Random jitter)
    {
        var delay = consecutiveFailures > 0
            ? Backoff(configuredInterval, consecutiveFailures, bounds, jitter)
            : Rhythm(configuredInterval, cacheMaxAge, feedTtl, recentEntryTimes, bounds);
        if (retryAfter is { } wait && wait > delay)
        {
            delay = wait;
        }
        return now + delay;
    }

    /// <summary>configured × 2^(failures−1), at least the configured interval, jittered by ±JitterFraction, capped at MaxBackoff.</summary>
    public static TimeSpan Backoff(TimeSpan configuredInterval, int consecutiveFailures, PollBounds bounds, Random jitter)
    {
        var baseInterval = configuredInterval > TimeSpan.Zero ? configuredInterval : bounds.Min;
        // Exponent capped so the double never overflows; the cap on the result does the real limiting.
        var factor = Math.Pow(2, Math.Min(consecutiveFailures - 1, 30));
        var raw = Math.Min(baseInterval.TotalSeconds * factor, bounds.MaxBackoff.TotalSeconds);
        var spread = 1 + bounds.JitterFraction * (2 * jitter.NextDouble() - 1);
        var seconds = Math.Min(raw * spread, bounds.MaxBackoff.TotalSeconds);
        return TimeSpan.FromSeconds(Math.Max(seconds, 1));
    }

    /// <summary>The healthy interval: rhythm or configured, not sooner than TTL/max-age, clamped to the bounds.</summary>
    public static TimeSpan Rhythm(TimeSpan configuredInterval, TimeSpan? cacheMaxAge, TimeSpan? feedTtl,
        IReadOnlyList<DateTimeOffset> recentEntryTimes, PollBounds bounds)
    {
        var interval = EntryRhythm.MedianGap(recentEntryTimes) is { } gap && gap > TimeSpan.Zero ? gap / 2 : configuredInterval;
        foreach (var freshness in new[] { feedTtl, cacheMaxAge })
        {
            if (freshness is { } fresh && fresh > interval)
            {
                interval = fresh;
            }
        }
        return interval < bounds.Min ? bounds.Min : interval > bounds.Max ? bounds.Max : interval;
    }
}
