using Monitor.Worker.Fetching;

namespace Monitor.Worker.Tests.Fetching;

/// <summary>Risk: a dead or muted source silently dropped instead of reported to the operator.</summary>
public sealed class SourceHealthTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2025-03-01T12:00:00Z");

    private static List<DateTimeOffset> EveryHours(int hours, DateTimeOffset latest) =>
        Enumerable.Range(0, 10).Select(i => latest - TimeSpan.FromHours(hours * i)).ToList();

    [Fact]
    public void Source_failing_past_the_threshold_is_unhealthy_with_its_last_error()
    {
        var report = SourceHealth.Assess(Now, 5, "HTTP 503 from news.example: Service Unavailable", EveryHours(1, Now), unhealthyAfterFailures: 5);

        Assert.Equal(HealthState.Unhealthy, report.State);
        Assert.Equal("unhealthy: 5 consecutive failed fetches; last error: HTTP 503 from news.example: Service Unavailable", report.Message);
    }

    [Fact]
    public void A_few_failures_below_the_threshold_keep_it_healthy_but_mentioned()
    {
        var report = SourceHealth.Assess(Now, 2, "no data for 20 s (stalled)", EveryHours(1, Now.AddMinutes(-30)), unhealthyAfterFailures: 5);

        Assert.Equal(HealthState.Healthy, report.State);
        Assert.Contains("2 recent failure(s): no data for 20 s (stalled)", report.Message);
    }

    [Fact]
    public void Source_without_entries_for_more_than_k_times_its_gap_is_silent()
    {
        var sixHourly = EveryHours(6, Now - TimeSpan.FromHours(25));

        var report = SourceHealth.Assess(Now, 0, null, sixHourly, unhealthyAfterFailures: 5, silentFactor: 4);

        Assert.Equal(HealthState.Silent, report.State);
        Assert.Equal("silent: no new entry for 1 d 1 h, usually one every 6 h (reported after 4× = 1 d)", report.Message);
    }

    [Fact]
    public void Quiet_period_within_k_gaps_is_still_healthy()
    {
        var sixHourly = EveryHours(6, Now - TimeSpan.FromHours(23));

        var report = SourceHealth.Assess(Now, 0, null, sixHourly, unhealthyAfterFailures: 5, silentFactor: 4);

        Assert.Equal(HealthState.Healthy, report.State);
        Assert.Equal("healthy: last entry 23 h ago, usually one every 6 h", report.Message);
    }

    [Fact]
    public void Silent_factor_is_configurable()
    {
        var sixHourly = EveryHours(6, Now - TimeSpan.FromHours(13));

        Assert.Equal(HealthState.Silent, SourceHealth.Assess(Now, 0, null, sixHourly, 5, silentFactor: 2).State);
        Assert.Equal(HealthState.Healthy, SourceHealth.Assess(Now, 0, null, sixHourly, 5, silentFactor: 3).State);
    }

    [Fact]
    public void New_source_without_history_is_healthy_not_silent()
    {
        var report = SourceHealth.Assess(Now, 0, null, [Now.AddDays(-30)], unhealthyAfterFailures: 5);

        Assert.Equal(HealthState.Healthy, report.State);
        Assert.Contains("not enough entries", report.Message);
    }
}
