namespace Monitor.Core.Feeds;

/// <summary>
/// Dates as feeds and Arabic news pages write them. Tries, in order: relative times ("منذ ساعتين", "أمس", "5 minutes
/// ago"), ISO 8601 / RFC 3339, then the token-based RFC 822 reader. Arabic-Indic and Persian digits are read as digits.
/// A date with no zone is taken in <paramref name="defaultZone"/>; the result is always UTC.
/// </summary>
public static class FeedDateParser
{
    public static bool TryParse(string text, TimeZoneInfo defaultZone, DateTimeOffset now, out DateTimeOffset utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        ArgumentNullException.ThrowIfNull(defaultZone);
        var s = Normalize(text);
        if (RelativeDates.TryParse(s, now, out utc)) return true;
        if (IsoDateParser.TryParse(s, out var parts) || LooseDateParser.TryParse(s, out parts))
            return TryBuild(parts, defaultZone, out utc);
        return false;
    }

    private static string Normalize(string text)
    {
        var span = text.AsSpan().Trim();
        Span<char> buffer = span.Length <= 256 ? stackalloc char[span.Length] : new char[span.Length];
        var changed = false;
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            var mapped = c switch
            {
                >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
                >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
                '\u060C' => ',',
                '\u00A0' or '\u200F' or '\u200E' or '\t' => ' ',
                _ => c,
            };
            changed |= mapped != c;
            buffer[i] = mapped;
        }
        return changed || span.Length != text.Length ? new string(buffer) : text;
    }

    private static bool TryBuild(IsoDateParser.Parts p, TimeZoneInfo zone, out DateTimeOffset utc)
    {
        utc = default;
        if (p.Year is < 1 or > 9999 || p.Month is < 1 or > 12 || p.Hour > 23 || p.Minute > 59 || p.Second > 60) return false;
        if (p.Day < 1 || p.Day > DateTime.DaysInMonth(p.Year, p.Month)) return false;
        try
        {
            var local = new DateTime(p.Year, p.Month, p.Day, p.Hour, p.Minute, Math.Min(p.Second, 59), DateTimeKind.Unspecified);
            if (p.OffsetMinutes is { } minutes)
            {
                utc = new DateTimeOffset(local, TimeSpan.FromMinutes(minutes)).ToUniversalTime();
                return true;
            }
            // A wall-clock time skipped by a DST change has no instant: the zone's standard offset stands in.
            var offset = zone.IsInvalidTime(local) ? zone.BaseUtcOffset : zone.GetUtcOffset(local);
            utc = new DateTimeOffset(local, offset).ToUniversalTime();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // the instant falls outside year 1..9999 once the offset is applied
        }
    }
}
