using System.Globalization;

namespace Monitor.Worker.Cli;

/// <summary>Reads "--since" values: an ISO 8601 time, or a duration ago such as 90m, 24h, 7d.</summary>
public static class TimeArgument
{
    public static bool TryParse(string? text, DateTimeOffset now, out DateTimeOffset? value, out string? error)
    {
        value = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        text = text.Trim();
        var unit = text[^1];
        if (unit is 'm' or 'h' or 'd' && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
        {
            value = now - unit switch { 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), _ => TimeSpan.FromDays(n) };
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            value = t.ToUniversalTime();
            return true;
        }
        error = $"\"{text}\" is neither an ISO 8601 time nor a duration like 24h or 7d";
        return false;
    }
}
