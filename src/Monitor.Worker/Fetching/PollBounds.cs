using Monitor.Worker.Configuration;

namespace Monitor.Worker.Fetching;

/// <summary>
/// Limits on when a source is polled next. <paramref name="Min"/>/<paramref name="Max"/> bound the healthy interval
/// whatever the feed's rhythm says; <paramref name="MaxBackoff"/> caps the wait after failures; <paramref name="JitterFraction"/>
/// spreads retries (±fraction) so sources that failed together do not retry together.
/// </summary>
public sealed record PollBounds(TimeSpan Min, TimeSpan Max, TimeSpan MaxBackoff, double JitterFraction = 0.2)
{
    public static PollBounds From(FetchOptions options) =>
        new(options.MinPollInterval, options.MaxPollInterval, options.MaxBackoff);
}
