namespace Monitor.Core.Feeds;

/// <summary>
/// Relative times as news pages print them: "منذ ساعتين", "منذ 5 دقائق", "قبل 3 أيام", "أمس", "الآن", and the English
/// "5 minutes ago" / "yesterday". Arabic duals (ساعتين, يومين...) carry their own count.
/// </summary>
internal static class RelativeDates
{
    private static readonly (string[] Words, TimeSpan Unit, bool Dual)[] Units =
    [
        (["ثانية", "ثوان", "ثواني", "ثوانٍ", "second", "seconds", "sec", "secs"], TimeSpan.FromSeconds(1), false),
        (["ثانيتين", "ثانيتان"], TimeSpan.FromSeconds(1), true),
        (["دقيقة", "دقائق", "minute", "minutes", "min", "mins"], TimeSpan.FromMinutes(1), false),
        (["دقيقتين", "دقيقتان"], TimeSpan.FromMinutes(1), true),
        (["ساعة", "ساعات", "hour", "hours", "hr", "hrs"], TimeSpan.FromHours(1), false),
        (["ساعتين", "ساعتان"], TimeSpan.FromHours(1), true),
        (["يوم", "أيام", "ايام", "day", "days"], TimeSpan.FromDays(1), false),
        (["يومين", "يومان"], TimeSpan.FromDays(1), true),
        (["أسبوع", "اسبوع", "أسابيع", "اسابيع", "week", "weeks"], TimeSpan.FromDays(7), false),
        (["أسبوعين", "اسبوعين", "أسبوعان", "اسبوعان"], TimeSpan.FromDays(7), true),
    ];

    public static bool TryParse(string s, DateTimeOffset now, out DateTimeOffset utc)
    {
        utc = default;
        var text = s.Trim().TrimEnd('.').ToLowerInvariant();
        switch (text)
        {
            case "أمس" or "امس" or "الأمس" or "البارحة" or "yesterday": utc = (now - TimeSpan.FromDays(1)).ToUniversalTime(); return true;
            case "الآن" or "الان" or "now" or "just now" or "منذ لحظات": utc = now.ToUniversalTime(); return true;
        }
        string rest;
        if (text.StartsWith("منذ ", StringComparison.Ordinal)) rest = text[4..];
        else if (text.StartsWith("قبل ", StringComparison.Ordinal)) rest = text[4..];
        else if (text.EndsWith(" ago", StringComparison.Ordinal)) rest = text[..^4];
        else return false;

        var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 2) return false;
        var count = 1;
        var unitWord = words[^1];
        if (words.Length == 2)
        {
            if (words[0] is "a" or "an" or "one") count = 1;
            else if (!int.TryParse(words[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count) || count > 100_000) return false;
        }
        foreach (var (unitWords, unit, dual) in Units)
        {
            if (Array.IndexOf(unitWords, unitWord) < 0) continue;
            if (dual && words.Length == 1) count = 2;
            utc = (now - unit * count).ToUniversalTime();
            return true;
        }
        return false;
    }
}
