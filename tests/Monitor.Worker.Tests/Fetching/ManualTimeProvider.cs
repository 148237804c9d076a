namespace Monitor.Worker.Tests.Fetching;

/// <summary>A wall clock the test moves by hand (timers and timestamps stay real, so timeouts still work).</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
