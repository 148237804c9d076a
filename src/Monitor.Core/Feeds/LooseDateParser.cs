namespace Monitor.Core.Feeds;

/// <summary>
/// RFC 822/1123 and the sloppy forms around it, read as tokens rather than by a fixed layout: weekday names are
/// skipped, a month name (English, Arabic of both families, Greek, Hungarian) fixes the month, the remaining numbers
/// are day and year, h:m[:s] is the time, and a zone follows the time. Any word it does not know fails the parse:
/// a wrong date is worse than a flagged fallback.
/// </summary>
internal static class LooseDateParser
{
    public static bool TryParse(ReadOnlySpan<char> s, out IsoDateParser.Parts parts)
    {
        parts = default;
        int? month = null, offset = null, hour = null, minute = null, second = null;
        bool? pm = null;
        var korean = false;
        Span<int> numbers = stackalloc int[4];
        Span<int> lengths = stackalloc int[4];
        var count = 0;
        var p = 0;
        while (p < s.Length)
        {
            var c = s[p];
            if (char.IsAsciiDigit(c))
            {
                var start = p;
                var value = 0;
                while (p < s.Length && char.IsAsciiDigit(s[p])) { if (p - start < 9) value = value * 10 + (s[p] - '0'); p++; }
                if (p < s.Length && s[p] == ':' && hour is null)
                {
                    if (!ReadTime(s, ref p, value, out var h, out var m, out var sec)) return false;
                    hour = h; minute = m; second = sec;
                    continue;
                }
                if (count == 4) return false;
                numbers[count] = value;
                lengths[count] = p - start;
                count++;
                continue;
            }
            if ((c is '+' or '-' or '\u2212') && hour is not null && p + 1 < s.Length && char.IsAsciiDigit(s[p + 1]))
            {
                if (offset is not null || !IsoDateParser.TryZone(s, ref p, out var z)) return false;
                offset = z;
                continue;
            }
            if (IsWordChar(c))
            {
                var start = p;
                while (p < s.Length && IsWordChar(s[p])) p++;
                var word = s[start..p].ToString().Trim('.').ToLowerInvariant();
                if (word.Any(ch => ch is >= '\uAC00' and <= '\uD7AF')) korean = true;
                if (DateWords.IsTwoWordMonthStart(word))
                {
                    var q = p;
                    while (q < s.Length && s[q] == ' ') q++;
                    var start2 = q;
                    while (q < s.Length && IsWordChar(s[q])) q++;
                    if (DateWords.Months.TryGetValue(word + " " + s[start2..q].ToString(), out var m2)) { month = m2; p = q; continue; }
                    return false;
                }
                if (hour is not null && offset is null && DateWords.Zones.TryGetValue(word, out var zone))
                {
                    offset = zone;
                    // GMT+3, UTC-01:01: the named zone is a prefix for a numeric one.
                    if (zone == 0 && p < s.Length && s[p] is '+' or '-' && p + 1 < s.Length && char.IsAsciiDigit(s[p + 1]))
                    {
                        if (!IsoDateParser.TryZone(s, ref p, out var z)) return false;
                        offset = z;
                    }
                    continue;
                }
                if (word == "etc" && p < s.Length && s[p] == '/') { p++; continue; }
                if (month is null && DateWords.Months.TryGetValue(word, out var mo)) { month = mo; continue; }
                if (DateWords.Weekdays.Contains(word) || DateWords.Fillers.Contains(word)) continue;
                if (IsMeridiem(word, hour is not null, out var isPm)) { pm = isPm; continue; }
                // RFC 822 opens with "day-of-week ,": a leading word before a comma is a weekday in some language.
                if (start == 0 && p < s.Length && s[p] == ',') continue;
                return false;
            }
            p++; // separators: space , / . - and the Arabic comma
        }
        if (!AssignDate(numbers[..count], lengths[..count], month, out var year, out var mon, out var day)) return false;
        var hh = hour ?? 0;
        if (pm == true && hh < 12) hh += 12;
        else if (pm == false && hh == 12) hh = 0;
        if (offset is null && korean) offset = 540;
        parts = new IsoDateParser.Parts(year, mon, day, hh, minute ?? 0, second ?? 0, offset);
        return true;
    }

    private static bool ReadTime(ReadOnlySpan<char> s, ref int p, int first, out int h, out int m, out int sec)
    {
        h = first; m = 0; sec = 0;
        var fields = 1;
        while (p < s.Length && s[p] == ':')
        {
            p++;
            var start = p;
            var v = 0;
            while (p < s.Length && char.IsAsciiDigit(s[p]) && p - start < 3) { v = v * 10 + (s[p] - '0'); p++; }
            if (p == start || p - start > 2) return false;
            fields++;
            if (fields == 2) m = v; else if (fields == 3) sec = v; else return false;
        }
        if (fields < 2) return false;
        if (p < s.Length && s[p] is '.' or ',' && p + 1 < s.Length && char.IsAsciiDigit(s[p + 1]))
        {
            p++;
            while (p < s.Length && char.IsAsciiDigit(s[p])) p++;
        }
        return true;
    }

    private static bool AssignDate(ReadOnlySpan<int> n, ReadOnlySpan<int> len, int? monthWord, out int year, out int month, out int day)
    {
        year = month = day = 0;
        if (monthWord is { } mw)
        {
            if (n.Length != 2) return false;
            month = mw;
            var yearIndex = len[0] >= 3 ? 0 : len[1] >= 3 ? 1 : n[0] > 31 ? 0 : 1;
            year = Year(n[yearIndex], len[yearIndex]);
            day = n[1 - yearIndex];
            return true;
        }
        if (n.Length != 3) return false;
        if (len[0] >= 3) { year = Year(n[0], len[0]); month = n[1]; day = n[2]; return true; }
        // Day first, as Arabic and European sites write it; month-first only when day-first is impossible.
        year = Year(n[2], len[2]);
        (day, month) = n[1] > 12 && n[0] <= 12 ? (n[1], n[0]) : (n[0], n[1]);
        return true;
    }

    private static int Year(int value, int length) => length <= 2 ? (value < 70 ? 2000 + value : 1900 + value) : value;

    private static bool IsMeridiem(string w, bool afterTime, out bool pm)
    {
        pm = w is "pm" or "p.m" or "مساء" or "مساءا" or "مساءً" or "오후" || (w == "م" && afterTime);
        return pm || w is "am" or "a.m" or "ص" or "صباحا" or "صباحاً" or "صباح" or "오전";
    }

    private static bool IsWordChar(char c) => char.IsLetter(c) || c is >= '\u064B' and <= '\u0652' or '\u0640';
}
