using Monitor.Core.Digests;
using Quartz;

namespace Monitor.Worker.Tests.Digests;

/// <summary>Risk guarded: a cron string Quartz rejects, or one that fires at other times than the slots IsDue reasons about.</summary>
public class DigestScheduleQuartzTests
{
    [Theory]
    [InlineData("immediate", "Asia/Damascus")]
    [InlineData("hourly", "Asia/Kolkata")]
    [InlineData("hourly", "America/New_York")]
    [InlineData("daily 08:00", "America/New_York")]
    [InlineData("daily 23:45", "Europe/Berlin")]
    [InlineData("weekly mon 09:30", "Europe/Berlin")]
    [InlineData("weekly sunday 07:00", "America/New_York")]
    [InlineData("daily 02:30", "America/New_York")]
    [InlineData("daily 02:30", "Europe/Berlin")]
    [InlineData("weekly sun 02:15", "Europe/Berlin")]
    [InlineData("daily 01:30", "America/New_York")]
    public void Quartz_fires_the_cron_expression_at_the_schedules_own_slots(string frequency, string zone)
    {
        Assert.True(DigestSchedule.TryParse(frequency, zone, out var schedule, out var error), error);
        Assert.True(CronExpression.TryParse(schedule!.CronExpression, out _), schedule.CronExpression);
        var cron = new CronExpression(schedule.CronExpression, schedule.Zone);

        // A year of fire times, across both DST changes, gap and repeated hour included.
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var limit = frequency == "immediate" ? 2000 : frequency == "hourly" ? 9000 : 370;
        for (var i = 0; i < limit; i++)
        {
            var quartz = cron.GetNextValidTimeAfter(t);
            Assert.NotNull(quartz);
            Assert.Equal(quartz.Value, schedule.NextSlotAfter(t));
            t = quartz.Value;
        }
    }
}
