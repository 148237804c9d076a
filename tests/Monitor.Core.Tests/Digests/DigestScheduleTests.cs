using Monitor.Core.Digests;

namespace Monitor.Core.Tests.Digests;

/// <summary>
/// Risk guarded: digests at the wrong local hour after a DST change, a burst of copies after downtime (one per missed
/// slot), and a typo in a subscriber's frequency that silently means "never".
/// </summary>
public class DigestScheduleTests
{
    private static DigestSchedule Parse(string frequency, string zone = "America/New_York")
    {
        Assert.True(DigestSchedule.TryParse(frequency, zone, out var schedule, out var error), error);
        return schedule!;
    }

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("immediate", DigestFrequency.Immediate, "0 * * * * ?")]
    [InlineData("hourly", DigestFrequency.Hourly, "0 0 * * * ?")]
    [InlineData("daily 08:00", DigestFrequency.Daily, "0 0 8 * * ?")]
    [InlineData("  Daily   7:05 ", DigestFrequency.Daily, "0 5 7 * * ?")]
    [InlineData("daily 23:59", DigestFrequency.Daily, "0 59 23 * * ?")]
    [InlineData("weekly mon 18:30", DigestFrequency.Weekly, "0 30 18 ? * MON")]
    [InlineData("WEEKLY Friday 07:00", DigestFrequency.Weekly, "0 0 7 ? * FRI")]
    [InlineData("weekly sun 00:00", DigestFrequency.Weekly, "0 0 0 ? * SUN")]
    public void Parses_valid_frequencies_into_quartz_cron(string frequency, DigestFrequency kind, string cron)
    {
        var schedule = Parse(frequency, "Asia/Damascus");
        Assert.Equal(kind, schedule.Frequency);
        Assert.Equal(cron, schedule.CronExpression);
        Assert.Equal("Asia/Damascus", schedule.Zone.Id);
    }

    [Theory]
    [InlineData("", "frequency is empty")]
    [InlineData("sometimes", "unknown frequency \"sometimes\"")]
    [InlineData("daily", "\"daily\" needs one time")]
    [InlineData("daily 8", "time \"8\" is not HH:MM")]
    [InlineData("daily 08:5", "time \"08:5\" is not HH:MM")]
    [InlineData("daily 24:00", "time \"24:00\" is out of range")]
    [InlineData("daily 08:60", "time \"08:60\" is out of range")]
    [InlineData("daily ٠٨:٠٠", "is not HH:MM")]
    [InlineData("weekly 08:00", "\"weekly\" needs a day and a time")]
    [InlineData("weekly funday 08:00", "unknown day \"funday\"")]
    [InlineData("weekly mon 8am", "time \"8am\" is not HH:MM")]
    [InlineData("hourly 30", "\"hourly\" takes no arguments")]
    public void Rejects_invalid_frequencies_with_a_specific_error(string frequency, string expected)
    {
        Assert.False(DigestSchedule.TryParse(frequency, "Asia/Damascus", out var schedule, out var error));
        Assert.Null(schedule);
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons", "unknown time zone \"Mars/Olympus_Mons\"")]
    [InlineData("", "time zone is empty")]
    public void Rejects_an_unknown_time_zone(string zone, string expected)
    {
        Assert.False(DigestSchedule.TryParse("daily 08:00", zone, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Daily_slot_keeps_its_local_hour_across_spring_forward()
    {
        var schedule = Parse("daily 08:00");
        // 2026-03-08: New York moves from EST (-5) to EDT (-4).
        Assert.Equal(Utc(3, 7, 13), schedule.LatestSlotAtOrBefore(Utc(3, 8, 11, 59)));
        Assert.Equal(Utc(3, 8, 12), schedule.NextSlotAfter(Utc(3, 7, 13)));
        Assert.Equal(Utc(3, 8, 12), schedule.LatestSlotAtOrBefore(Utc(3, 8, 12)));
    }

    [Fact]
    public void Daily_slot_inside_the_spring_forward_gap_fires_when_the_clocks_jump()
    {
        var schedule = Parse("daily 02:30");
        // 02:30 does not exist on 2026-03-08 in New York: clocks go from 02:00 EST to 03:00 EDT at 07:00 UTC.
        Assert.Equal(Utc(3, 8, 7), schedule.NextSlotAfter(Utc(3, 7, 7, 30)));
        Assert.Equal(Utc(3, 9, 6, 30), schedule.NextSlotAfter(Utc(3, 8, 7)));
        Assert.Equal(Utc(3, 8, 7), schedule.LatestSlotAtOrBefore(Utc(3, 8, 7, 10)));
    }

    [Fact]
    public void Daily_slot_in_the_repeated_fall_back_hour_fires_once()
    {
        var schedule = Parse("daily 01:30");
        // 2026-11-01: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST); only the first is a slot.
        Assert.Equal(Utc(11, 1, 5, 30), schedule.NextSlotAfter(Utc(10, 31, 12)));
        Assert.Equal(Utc(11, 2, 6, 30), schedule.NextSlotAfter(Utc(11, 1, 5, 30)));
        Assert.Equal(Utc(11, 1, 5, 30), schedule.LatestSlotAtOrBefore(Utc(11, 1, 6, 45)));
    }

    [Fact]
    public void Daily_slot_follows_berlin_summer_time()
    {
        var schedule = Parse("daily 09:00", "Europe/Berlin");
        Assert.Equal(Utc(3, 28, 8), schedule.NextSlotAfter(Utc(3, 27, 12)));
        Assert.Equal(Utc(3, 29, 7), schedule.NextSlotAfter(Utc(3, 28, 8)));
        Assert.Equal(Utc(10, 25, 8), schedule.NextSlotAfter(Utc(10, 24, 7)));
    }

    [Fact]
    public void Hourly_slots_include_both_repeated_hours_on_fall_back()
    {
        var schedule = Parse("hourly");
        Assert.Equal(Utc(11, 1, 6), schedule.NextSlotAfter(Utc(11, 1, 5)));
        Assert.Equal(Utc(11, 1, 7), schedule.NextSlotAfter(Utc(11, 1, 6)));
        Assert.Equal(Utc(11, 1, 6), schedule.LatestSlotAtOrBefore(Utc(11, 1, 6, 59)));
    }

    [Fact]
    public void Hourly_slots_are_on_the_local_hour_in_a_half_hour_zone()
    {
        var schedule = Parse("hourly", "Asia/Kolkata");
        Assert.Equal(Utc(5, 1, 9, 30), schedule.LatestSlotAtOrBefore(Utc(5, 1, 10, 15)));
        Assert.Equal(Utc(5, 1, 10, 30), schedule.NextSlotAfter(Utc(5, 1, 9, 30)));
    }

    [Fact]
    public void Weekly_slot_is_on_its_day_in_the_subscribers_zone()
    {
        var schedule = Parse("weekly mon 09:00", "Europe/Berlin");
        // Sunday 2026-11-22: the latest slot is Monday 2026-11-16 09:00 CET = 08:00 UTC.
        Assert.Equal(Utc(11, 16, 8), schedule.LatestSlotAtOrBefore(Utc(11, 22, 12)));
        Assert.Equal(Utc(11, 23, 8), schedule.NextSlotAfter(Utc(11, 22, 12)));
    }

    [Fact]
    public void A_digest_missed_over_several_slots_is_due_once()
    {
        var schedule = Parse("daily 08:00", "Asia/Damascus");
        var lastSent = Utc(11, 18, 5); // 08:00 Damascus (UTC+3) on the 18th
        var backUp = Utc(11, 21, 9);   // down for three slots

        Assert.True(schedule.IsDue(lastSent, backUp));
        Assert.False(schedule.IsDue(backUp, backUp.AddMinutes(1)));
        Assert.False(schedule.IsDue(backUp, Utc(11, 22, 4, 59)));
        Assert.True(schedule.IsDue(backUp, Utc(11, 22, 5)));
    }

    [Fact]
    public void A_new_subscriber_is_due_once_a_slot_has_passed()
    {
        var schedule = Parse("daily 08:00", "Asia/Damascus");
        Assert.True(schedule.IsDue(null, Utc(11, 22, 5)));
        Assert.False(schedule.IsDue(Utc(11, 22, 5), Utc(11, 22, 5)));
    }

    [Fact]
    public void Immediate_is_due_whenever_time_has_moved_past_the_last_digest()
    {
        var schedule = Parse("immediate");
        Assert.True(schedule.IsDue(null, Utc(11, 22, 5)));
        Assert.True(schedule.IsDue(Utc(11, 22, 5), Utc(11, 22, 5, 1)));
        Assert.False(schedule.IsDue(Utc(11, 22, 5, 1), Utc(11, 22, 5, 1)));
        Assert.Equal(Utc(11, 22, 5, 2), schedule.NextSlotAfter(Utc(11, 22, 5, 1).AddSeconds(30)));
    }
}
