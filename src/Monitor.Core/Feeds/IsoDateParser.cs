namespace Monitor.Core.Feeds;

/// <summary>
/// ISO 8601 / RFC 3339 / W3DTF, strictly: YYYY, YYYY-MM, YYYY-MM-DD or YYYYMMDD, then optionally 'T' or a space and
/// hh:mm[:ss[.fraction]], then optionally Z or ±hh[:mm]. Also feedparser's two-digit-year forms (YYMMDD, YY-MM-DD,
/// -YYMM, -YY-MM). Anything left over means "not this format".
/// </summary>
internal static class IsoDateParser
{
    public readonly record struct Parts(int Year, int Month, int Day, int Hour, int Minute, int Second, int? OffsetMinutes);

    public static bool TryParse(ReadOnlySpan<char> s, out Parts parts)
    {
        parts = default;
        if (s.Length < 4) return false;
        if (TryTwoDigitYear(s, out parts)) return true;
        if (!IsDigits(s[..4])) return false;
        var year = N(s[..4]);
        var p = 4;
        int month = 1, day = 1;
        if (p < s.Length && s[p] == '-')
        {
            p++;
            if (!Digits(s, ref p, 1, 3, out month)) return false;
            if (p < s.Length && s[p] == '-')
            {
                p++;
                if (!Digits(s, ref p, 1, 2, out day)) return false;
            }
        }
        else if (p + 4 <= s.Length && IsDigits(s.Slice(p, 4)) && (p + 4 == s.Length || !char.IsAsciiDigit(s[p + 4])))
        {
            month = N(s.Slice(p, 2));
            day = N(s.Slice(p + 2, 2));
            p += 4;
        }
        int hour = 0, minute = 0, second = 0;
        int? offset = null;
        if (p < s.Length && (s[p] is 'T' or 't' || s[p] == ' ' && p + 1 < s.Length && char.IsAsciiDigit(s[p + 1])))
        {
            p++;
            if (!Digits(s, ref p, 1, 2, out hour) || p >= s.Length || s[p] != ':') return false;
            p++;
            if (!Digits(s, ref p, 2, 2, out minute)) return false;
            if (p < s.Length && s[p] == ':')
            {
                p++;
                if (!Digits(s, ref p, 2, 2, out second)) return false;
                if (p < s.Length && s[p] is '.' or ',')
                {
                    p++;
                    if (!Digits(s, ref p, 1, 9, out _)) return false;
                }
            }
            while (p < s.Length && s[p] == ' ') p++;
            if (p < s.Length)
            {
                if (!TryZone(s, ref p, out var z)) return false;
                offset = z;
            }
        }
        if (p != s.Length) return false;
        parts = new Parts(year, month, day, hour, minute, second, offset);
        return true;
    }

    /// <summary>Z, or ±hh, ±hhmm, ±hh:mm with hours ≤ 23 and minutes ≤ 59.</summary>
    internal static bool TryZone(ReadOnlySpan<char> s, ref int p, out int minutes)
    {
        minutes = 0;
        if (s[p] is 'Z' or 'z') { p++; return true; }
        if (s[p] is not ('+' or '-' or '\u2212')) return false;
        var sign = s[p] == '+' ? 1 : -1;
        p++;
        var run = 0;
        while (p + run < s.Length && char.IsAsciiDigit(s[p + run])) run++;
        int hh, mm = 0;
        if (run == 4) { hh = N(s.Slice(p, 2)); mm = N(s.Slice(p + 2, 2)); p += 4; }
        else if (run is 1 or 2)
        {
            hh = N(s.Slice(p, run));
            p += run;
            if (p < s.Length && s[p] == ':') { p++; if (!Digits(s, ref p, 2, 2, out mm)) return false; }
        }
        else return false;
        if (hh > 23 || mm > 59) return false;
        minutes = sign * (hh * 60 + mm);
        return true;
    }

    private static bool TryTwoDigitYear(ReadOnlySpan<char> s, out Parts parts)
    {
        parts = default;
        int yy, mm, dd = 1;
        if (s.Length == 6 && IsDigits(s)) { yy = N(s[..2]); mm = N(s[2..4]); dd = N(s[4..6]); }
        else if (s.Length == 8 && s[2] == '-' && s[5] == '-' && IsDigits(s[..2]) && IsDigits(s[3..5]) && IsDigits(s[6..])) { yy = N(s[..2]); mm = N(s[3..5]); dd = N(s[6..]); }
        else if (s.Length == 5 && s[0] == '-' && IsDigits(s[1..])) { yy = N(s[1..3]); mm = N(s[3..5]); }
        else if (s.Length == 6 && s[0] == '-' && s[3] == '-' && IsDigits(s[1..3]) && IsDigits(s[4..])) { yy = N(s[1..3]); mm = N(s[4..]); }
        else return false;
        parts = new Parts(2000 + yy, mm, dd, 0, 0, 0, null);
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    private static int N(ReadOnlySpan<char> s) => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    internal static bool Digits(ReadOnlySpan<char> s, ref int p, int min, int max, out int value)
    {
        value = 0;
        var start = p;
        while (p < s.Length && p - start < max && char.IsAsciiDigit(s[p])) { value = value * 10 + (s[p] - '0'); p++; }
        if (p - start < min) return false;
        // A longer run of digits than allowed is not this field.
        if (p < s.Length && char.IsAsciiDigit(s[p]) && max != 9) return false;
        if (max == 9) while (p < s.Length && char.IsAsciiDigit(s[p])) p++;
        return true;
    }
}
