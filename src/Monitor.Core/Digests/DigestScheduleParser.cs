using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Core.Digests;

/// <summary>
/// Reads the subscriber's frequency text: "immediate", "hourly", "daily HH:MM", "weekly DAY HH:MM"
/// (DAY: mon..sun or monday..sunday, any case). Every rejection says what was expected.
/// </summary>
internal static partial class DigestScheduleParser
{
    public const string Expected = "expected \"immediate\", \"hourly\", \"daily HH:MM\" or \"weekly DAY HH:MM\" (DAY: mon..sun)";

    public static bool TryParse(string? frequency, string? timeZoneId, out DigestSchedule? schedule, out string? error)
    {
        schedule = null;
        error = null;
        if (string.IsNullOrWhiteSpace(timeZoneId)) { error = "time zone is empty: expected an IANA id such as \"Asia/Damascus\""; return false; }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId.Trim(), out var zone))
        {
            error = $"unknown time zone \"{timeZoneId.Trim()}\": expected an IANA id such as \"Asia/Damascus\"";
            return false;
        }
        if (string.IsNullOrWhiteSpace(frequency)) { error = "frequency is empty: " + Expected; return false; }

        var words = frequency.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        switch (words[0])
        {
            case "immediate" when words.Length == 1:
                schedule = new DigestSchedule(DigestFrequency.Immediate, null, null, zone);
                return true;
            case "hourly" when words.Length == 1:
                schedule = new DigestSchedule(DigestFrequency.Hourly, null, null, zone);
                return true;
            case "daily" when words.Length == 2:
                if (!TryParseTime(words[1], out var dailyAt, out error)) return false;
                schedule = new DigestSchedule(DigestFrequency.Daily, dailyAt, null, zone);
                return true;
            case "weekly" when words.Length == 3:
                if (!TryParseDay(words[1], out var day, out error) || !TryParseTime(words[2], out var weeklyAt, out error)) return false;
                schedule = new DigestSchedule(DigestFrequency.Weekly, weeklyAt, day, zone);
                return true;
            case "immediate" or "hourly":
                error = $"\"{words[0]}\" takes no arguments, got \"{frequency.Trim()}\"";
                return false;
            case "daily":
                error = $"\"daily\" needs one time, as in \"daily 08:00\", got \"{frequency.Trim()}\"";
                return false;
            case "weekly":
                error = $"\"weekly\" needs a day and a time, as in \"weekly mon 08:00\", got \"{frequency.Trim()}\"";
                return false;
            default:
                error = $"unknown frequency \"{frequency.Trim()}\": " + Expected;
                return false;
        }
    }

    private static bool TryParseTime(string text, out TimeOnly time, out string? error)
    {
        time = default;
        var match = TimePattern().Match(text);
        if (!match.Success) { error = $"time \"{text}\" is not HH:MM (24-hour clock, e.g. 08:00 or 18:30)"; return false; }
        var hours = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minutes = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (hours > 23 || minutes > 59) { error = $"time \"{text}\" is out of range: hours 00-23, minutes 00-59"; return false; }
        time = new TimeOnly(hours, minutes);
        error = null;
        return true;
    }

    private static bool TryParseDay(string text, out DayOfWeek day, out string? error)
    {
        error = null;
        foreach (var candidate in Enum.GetValues<DayOfWeek>())
        {
            var name = candidate.ToString().ToLowerInvariant();
            if (text == name || text == name[..3]) { day = candidate; return true; }
        }
        day = default;
        error = $"unknown day \"{text}\": expected mon, tue, wed, thu, fri, sat or sun (or the full English name)";
        return false;
    }

    [GeneratedRegex(@"^([0-9]{1,2}):([0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();
}
