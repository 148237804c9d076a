using System.Globalization;

namespace Monitor.Core.Digests;

/// <summary>Shows instants in the subscriber's time zone: the time alone on the digest's own day, date and time otherwise.</summary>
public static class DigestClock
{
    public static string Format(DateTimeOffset instant, DateTimeOffset windowEnd, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var day = TimeZoneInfo.ConvertTime(windowEnd, zone).Date;
        return local.ToString(local.Date == day ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    public static string FormatFull(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
