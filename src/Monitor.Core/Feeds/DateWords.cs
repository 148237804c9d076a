namespace Monitor.Core.Feeds;

/// <summary>The words dates are written with: month and weekday names (English, Arabic of both families, and the
/// Greek and Hungarian forms feedparser knows), zone abbreviations and their offsets in minutes.</summary>
internal static class DateWords
{
    public static readonly Dictionary<string, int> Months = Build(
        (1, ["jan", "january", "يناير", "كانون الثاني", "janvier", "január", "ιαν"]),
        (2, ["feb", "february", "فبراير", "شباط", "február", "φεβ"]),
        (3, ["mar", "march", "مارس", "آذار", "اذار", "március", "μάρ", "μαρ"]),
        (4, ["apr", "april", "أبريل", "ابريل", "إبريل", "نيسان", "április", "απρ"]),
        (5, ["may", "مايو", "أيار", "ايار", "május", "μάι", "μαΐ", "μαι"]),
        (6, ["jun", "june", "يونيو", "يونيه", "حزيران", "június", "ιούν", "ιουν", "ιον"]),
        (7, ["jul", "july", "يوليو", "يوليه", "تموز", "július", "ιούλ", "ιουλ", "ιολ"]),
        (8, ["aug", "august", "أغسطس", "اغسطس", "آب", "اب", "augusztus", "αύγ", "αυγ"]),
        (9, ["sep", "sept", "september", "سبتمبر", "أيلول", "ايلول", "szeptember", "σεπ"]),
        (10, ["oct", "october", "أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول", "október", "οκτ"]),
        (11, ["nov", "november", "نوفمبر", "تشرين الثاني", "νοέ", "νοε"]),
        (12, ["dec", "december", "ديسمبر", "كانون الأول", "كانون الاول", "δεκ"]));

    /// <summary>First words of the Levantine two-word months (كانون الثاني, تشرين الأول...).</summary>
    public static bool IsTwoWordMonthStart(string w) => w is "كانون" or "تشرين";

    public static readonly HashSet<string> Weekdays = new(StringComparer.OrdinalIgnoreCase)
    {
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "الأحد", "الاحد", "الإثنين", "الاثنين", "الثلاثاء", "الأربعاء", "الاربعاء", "الخميس", "الجمعة", "السبت",
        "κυρ", "δευ", "τρι", "τετ", "πεμ", "παρ", "σαβ",
    };

    /// <summary>Words that carry no information in a date (Korean and Arabic unit markers, "at").</summary>
    public static readonly HashSet<string> Fillers = new(StringComparer.OrdinalIgnoreCase)
    {
        "년", "월", "일", "at", "t", "on", "في", "الساعة", "الموافق",
    };

    public static readonly Dictionary<string, int> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["z"] = 0, ["ut"] = 0, ["utc"] = 0, ["gmt"] = 0, ["wet"] = 0,
        ["est"] = -300, ["edt"] = -240, ["cst"] = -360, ["cdt"] = -300, ["mst"] = -420, ["mdt"] = -360,
        ["pst"] = -480, ["pdt"] = -420, ["at"] = -240, ["et"] = -300, ["ct"] = -360, ["mt"] = -420, ["pt"] = -480,
        ["akst"] = -540, ["akdt"] = -480, ["hst"] = -600, ["ast"] = -240, ["adt"] = -180, ["nst"] = -210,
        ["bst"] = 60, ["ist"] = 330, ["cet"] = 60, ["cest"] = 120, ["met"] = 60, ["mest"] = 120, ["mez"] = 60,
        ["mesz"] = 120, ["eet"] = 120, ["eest"] = 180, ["msk"] = 180, ["trt"] = 180, ["jst"] = 540, ["kst"] = 540,
        ["aest"] = 600, ["aedt"] = 660, ["nzst"] = 720, ["nzdt"] = 780, ["wib"] = 420, ["sgt"] = 480, ["hkt"] = 480,
    };

    private static Dictionary<string, int> Build(params (int Month, string[] Names)[] rows)
    {
        var d = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (month, names) in rows)
            foreach (var n in names) d[n] = month;
        return d;
    }
}
