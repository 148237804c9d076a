namespace Monitor.Worker.Fetching;

public enum HealthState
{
    Healthy,
    /// <summary>Too many consecutive failed fetches.</summary>
    Unhealthy,
    /// <summary>Fetches work but no new entry has appeared for several times the source's usual gap.</summary>
    Silent,
}

/// <summary>A source's health with the sentence an operator reads in the report or admin page.</summary>
public sealed record SourceHealthReport(HealthState State, string Message);

/// <summary>
/// Judges a source from its fetch record and entry history, so a dead or muted source is reported instead of silently
/// dropped. Failing takes precedence: a source that cannot be fetched cannot show new entries either.
/// </summary>
public static class SourceHealth
{
    /// <param name="recentEntryTimes">Publication (or first-seen) times of the source's recent entries.</param>
    /// <param name="silentFactor">K: silent after K × the usual gap without a new entry (default 4).</param>
    public static SourceHealthReport Assess(DateTimeOffset now, int consecutiveFailures, string? lastError,
        IReadOnlyList<DateTimeOffset> recentEntryTimes, int unhealthyAfterFailures, double silentFactor = 4)
    {
        if (consecutiveFailures >= unhealthyAfterFailures)
        {
            var cause = string.IsNullOrWhiteSpace(lastError) ? "no error recorded" : lastError;
            return new(HealthState.Unhealthy, $"unhealthy: {consecutiveFailures} consecutive failed fetches; last error: {cause}");
        }

        var latest = EntryRhythm.Latest(recentEntryTimes);
        var gap = EntryRhythm.MedianGap(recentEntryTimes);
        if (latest is null || gap is null || gap <= TimeSpan.Zero)
        {
            var failing = consecutiveFailures > 0 ? $"; {consecutiveFailures} recent failure(s): {lastError}" : "";
            return new(HealthState.Healthy, $"healthy: not enough entries yet to know its rhythm{failing}");
        }

        var quiet = now - latest.Value;
        var threshold = gap.Value * silentFactor;
        if (quiet > threshold)
        {
            return new(HealthState.Silent,
                $"silent: no new entry for {Sizes.Duration(quiet)}, usually one every {Sizes.Duration(gap.Value)} " +
                $"(reported after {silentFactor:0.#}× = {Sizes.Duration(threshold)})");
        }
        var note = consecutiveFailures > 0 ? $"; {consecutiveFailures} recent failure(s): {lastError}" : "";
        return new(HealthState.Healthy,
            $"healthy: last entry {Sizes.Duration(quiet)} ago, usually one every {Sizes.Duration(gap.Value)}{note}");
    }
}
