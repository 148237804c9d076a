using System.Globalization;

namespace Monitor.Core.Digests;

/// <summary>
/// Every word of the digest frame, in Arabic and English. Numbers stay in Latin digits (what the feeds use);
/// Arabic counted nouns follow the number rules (1, 2, 3–10, 11–99, hundreds).
/// </summary>
public sealed record DigestStrings
{
    public required string Language { get; init; }
    public required string Direction { get; init; }
    public required string Heading { get; init; }
    public required string OtherGroup { get; init; }
    public required string AlsoReportedBy { get; init; }
    public required string Tags { get; init; }
    public required string WatchList { get; init; }
    public required string ReadMore { get; init; }
    public required string Unsubscribe { get; init; }
    public required string Manage { get; init; }
    /// <summary>{0} = service name.</summary>
    public required string WhyYouGetThis { get; init; }
    /// <summary>{0} = date and time, {1} = time-zone id.</summary>
    public required string WindowEnd { get; init; }
    /// <summary>{0} = sources phrase, {1} = time, {2} = first source's name.</summary>
    public required string JoinReason { get; init; }
    /// <summary>{0} = time.</summary>
    public required string PublishedAt { get; init; }
    public required string AlsoInThisDigest { get; init; }
    /// <summary>The line under the stories when the size limit left some out: {0} is <see cref="Stories"/> of their number.</summary>
    public required string Omitted { get; init; }
    public required Func<int, string> Stories { get; init; }
    public required Func<int, string> Sources { get; init; }

    public bool IsRightToLeft => Direction == "rtl";

    /// <summary>The strings for a language code; anything but "en" gets the Arabic frame (the default).</summary>
    public static DigestStrings For(string? language) =>
        string.Equals(language?.Trim(), "en", StringComparison.OrdinalIgnoreCase) ? English : Arabic;

    public static DigestStrings Arabic { get; } = new()
    {
        Language = "ar",
        Direction = "rtl",
        Heading = "موجز الأخبار",
        OtherGroup = "أخبار أخرى",
        AlsoReportedBy = "أعادت نشره أيضاً",
        Tags = "الوسوم",
        WatchList = "قائمة المراقبة",
        ReadMore = "اقرأ الخبر",
        Unsubscribe = "إلغاء الاشتراك",
        Manage = "إدارة الاشتراك",
        WhyYouGetThis = "وصلتك هذه الرسالة لأنك مشترك في {0}.",
        WindowEnd = "حتى {0} بتوقيت {1}",
        JoinReason = "{0}، أول ظهور {1} على {2}",
        PublishedAt = "نُشر {0}",
        AlsoInThisDigest = "وأيضاً: ",
        Omitted = "لم تُدرج في هذه الرسالة {0} أقلّ تداولاً.",
        Stories = n => ArabicCount(n, "خبر واحد", "خبران", "أخبار", "خبراً", "خبر"),
        Sources = n => ArabicCount(n, "مصدر واحد", "مصدران", "مصادر", "مصدراً", "مصدر"),
    };

    public static DigestStrings English { get; } = new()
    {
        Language = "en",
        Direction = "ltr",
        Heading = "News digest",
        OtherGroup = "Other news",
        AlsoReportedBy = "Also reported by",
        Tags = "Tags",
        WatchList = "Watch list",
        ReadMore = "Read the story",
        Unsubscribe = "Unsubscribe",
        Manage = "Manage your subscription",
        WhyYouGetThis = "You receive this email because you subscribed to {0}.",
        WindowEnd = "Up to {0} ({1} time)",
        JoinReason = "{0}, first seen {1} on {2}",
        PublishedAt = "Published {0}",
        AlsoInThisDigest = "Also: ",
        Omitted = "{0} reported by fewer sources are not listed in this message.",
        Stories = n => n == 1 ? "1 story" : Num(n) + " stories",
        Sources = n => n == 1 ? "1 source" : Num(n) + " sources",
    };

    /// <summary>
    /// Arabic counted noun: 1 and 2 are words of their own, 3–10 take the plural, 11–99 the accusative singular,
    /// round hundreds (and 0) the genitive singular; the last two digits decide for larger numbers.
    /// </summary>
    private static string ArabicCount(int n, string one, string two, string plural, string accusative, string genitive)
    {
        if (n == 1) return one;
        if (n == 2) return two;
        var lastTwo = n % 100;
        if (lastTwo is >= 3 and <= 10) return Num(n) + " " + plural;
        if (lastTwo is >= 11 and <= 99) return Num(n) + " " + accusative;
        return Num(n) + " " + genitive;
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
