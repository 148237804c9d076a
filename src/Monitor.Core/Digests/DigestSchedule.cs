using System.Globalization;

namespace Monitor.Core.Digests;

public enum DigestFrequency { Immediate, Hourly, Daily, Weekly }

/// <summary>
/// When a subscriber's digests are due, in their own time zone. Slots are wall-clock times ("daily 08:00" is 08:00
/// local on every date, across DST changes). A wall time that does not exist on a spring-forward day fires at the
/// instant the clocks jumped to (02:30 fires at 03:00), as Quartz 4's cron trigger does; one that occurs twice on a
/// fall-back day is taken the first time only.
/// <see cref="IsDue"/> is the rule for sending: a digest is due when a slot has passed since the last one, so
/// any number of slots missed while the service was down make it due once.
/// </summary>
public sealed record DigestSchedule
{
    private static readonly TimeSpan QuarterHour = TimeSpan.FromMinutes(15);

    internal DigestSchedule(DigestFrequency frequency, TimeOnly? at, DayOfWeek? day, TimeZoneInfo zone)
    {
        Frequency = frequency;
        At = at;
        Day = day;
        Zone = zone;
        CronExpression = BuildCron(frequency, at, day);
    }

    public DigestFrequency Frequency { get; }
    /// <summary>The local time of day for daily and weekly schedules.</summary>
    public TimeOnly? At { get; }
    /// <summary>The day for weekly schedules.</summary>
    public DayOfWeek? Day { get; }
    public TimeZoneInfo Zone { get; }
    /// <summary>Quartz cron (seconds minutes hours day-of-month month day-of-week), to be used with <see cref="Zone"/>.</summary>
    public string CronExpression { get; }

    public static bool TryParse(string frequency, string timeZoneId, out DigestSchedule? schedule, out string? error) =>
        DigestScheduleParser.TryParse(frequency, timeZoneId, out schedule, out error);

    /// <summary>
    /// "immediate": always, once <paramref name="now"/> is past the last digest (the caller sends only when there is
    /// something new). Otherwise: the latest slot at or before now is later than the last digest (or there was none).
    /// </summary>
    public bool IsDue(DateTimeOffset? lastDigestAt, DateTimeOffset now)
    {
        if (Frequency == DigestFrequency.Immediate) return lastDigestAt is null || lastDigestAt < now;
        var slot = LatestSlotAtOrBefore(now);
        return slot is not null && (lastDigestAt is null || slot > lastDigestAt);
    }

    /// <summary>The latest slot at or before <paramref name="now"/>; null only at the very start of the calendar.</summary>
    public DateTimeOffset? LatestSlotAtOrBefore(DateTimeOffset now)
    {
        try
        {
            return Frequency switch
            {
                DigestFrequency.Immediate => FloorToMinute(now),
                DigestFrequency.Hourly => StepQuarters(FloorToQuarter(now), -1),
                _ => LatestWallClockSlot(now),
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The first slot strictly after <paramref name="t"/>.</summary>
    public DateTimeOffset NextSlotAfter(DateTimeOffset t) => Frequency switch
    {
        DigestFrequency.Immediate => FloorToMinute(t).AddMinutes(1),
        DigestFrequency.Hourly => StepQuarters(FloorToQuarter(t) + QuarterHour, +1),
        _ => NextWallClockSlot(t),
    };

    public override string ToString() => Frequency switch
    {
        DigestFrequency.Daily => $"daily {At:HH\\:mm} ({Zone.Id})",
        DigestFrequency.Weekly => $"weekly {Day.ToString()![..3].ToLowerInvariant()} {At:HH\\:mm} ({Zone.Id})",
        _ => $"{Frequency.ToString().ToLowerInvariant()} ({Zone.Id})",
    };

    /// <summary>
    /// Hourly slots are the instants whose local minute is 0. Every zone's offset is a whole number of quarter hours,
    /// so they sit on UTC quarter hours: walk those until the local clock reads :00.
    /// </summary>
    private DateTimeOffset StepQuarters(DateTimeOffset start, int direction)
    {
        var candidate = start;
        for (var i = 0; i < 8; i++, candidate += direction * QuarterHour)
            if (TimeZoneInfo.ConvertTime(candidate, Zone).Minute == 0) return candidate;
        // A historical offset off the quarter grid (local mean time): fall back to the UTC hour.
        var hour = new DateTimeOffset(start.UtcDateTime.Date.AddHours(start.UtcDateTime.Hour), TimeSpan.Zero);
        return direction < 0 ? hour : hour.AddHours(1);
    }

    private DateTimeOffset LatestWallClockSlot(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
        for (var back = 0; back <= 8; back++)
        {
            var date = today.AddDays(-back);
            if (Day is { } day && date.DayOfWeek != day) continue;
            var slot = SlotOn(date);
            if (slot <= now) return slot;
        }
        throw new ArgumentOutOfRangeException(nameof(now), "no slot found in the week before " + now.ToString("O", CultureInfo.InvariantCulture));
    }

    private DateTimeOffset NextWallClockSlot(DateTimeOffset t)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, Zone).DateTime);
        for (var ahead = 0; ; ahead++)
        {
            var date = today.AddDays(ahead);
            if (Day is { } day && date.DayOfWeek != day) continue;
            var slot = SlotOn(date);
            if (slot > t) return slot;
        }
    }

    /// <summary>The instant the slot's wall-clock time happens on a local date (see the DST rules above).</summary>
    private DateTimeOffset SlotOn(DateOnly date)
    {
        var local = date.ToDateTime(At ?? TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local)) return GapEnd(local);
        if (Zone.IsAmbiguousTime(local))
        {
            // Twice on a fall-back day: the larger offset is the earlier instant, the first time the clock shows it.
            return new DateTimeOffset(local, Zone.GetAmbiguousTimeOffsets(local).Max());
        }
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>
    /// The instant the clocks jumped to across the spring-forward gap holding <paramref name="local"/>: the first
    /// instant whose wall clock reads at or after it. Bisected to the minute between the reading taken with the
    /// offset after the gap (still before it) and with the offset before the gap (already past it).
    /// </summary>
    private DateTimeOffset GapEnd(DateTime local)
    {
        var probe = new DateTimeOffset(local, Zone.BaseUtcOffset);
        var low = new DateTimeOffset(local, Zone.GetUtcOffset(probe.AddHours(12)));
        var high = new DateTimeOffset(local, Zone.GetUtcOffset(probe.AddHours(-12)));
        while (high - low > TimeSpan.FromMinutes(1))
        {
            var mid = low.AddMinutes(Math.Floor((high - low).TotalMinutes / 2));
            if (TimeZoneInfo.ConvertTime(mid, Zone).DateTime >= local) high = mid; else low = mid;
        }
        return high;
    }

    private static DateTimeOffset FloorToMinute(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    private static DateTimeOffset FloorToQuarter(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % QuarterHour.Ticks, TimeSpan.Zero);

    private static string BuildCron(DigestFrequency frequency, TimeOnly? at, DayOfWeek? day)
    {
        var time = at ?? TimeOnly.MinValue;
        return frequency switch
        {
            DigestFrequency.Immediate => "0 * * * * ?",
            DigestFrequency.Hourly => "0 0 * * * ?",
            DigestFrequency.Daily => string.Create(CultureInfo.InvariantCulture, $"0 {time.Minute} {time.Hour} * * ?"),
            // Quartz wants '?' in day-of-month when day-of-week is given.
            _ => string.Create(CultureInfo.InvariantCulture, $"0 {time.Minute} {time.Hour} ? * {day.ToString()![..3].ToUpperInvariant()}"),
        };
    }
}
