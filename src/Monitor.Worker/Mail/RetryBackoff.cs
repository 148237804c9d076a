namespace Monitor.Worker.Mail;

/// <summary>
/// When to try a temporarily failed message again: 1 min, 2, 4 … capped at 1 h, with "equal jitter" (half the
/// delay fixed, half random) so messages that failed together do not all return in the same second.
/// </summary>
public static class RetryBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Cap = TimeSpan.FromHours(1);

    /// <param name="failedAttempts">How many attempts have failed so far, including this one (1 or more).</param>
    /// <param name="unitRandom">A value in [0, 1): the jitter.</param>
    public static TimeSpan Delay(int failedAttempts, double unitRandom)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var ceiling = Math.Min(Cap.TotalSeconds, First.TotalSeconds * Math.Pow(2, exponent));
        var jitter = Math.Clamp(unitRandom, 0, 1);
        return TimeSpan.FromSeconds(ceiling / 2 + ceiling / 2 * jitter);
    }
}
