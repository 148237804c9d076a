using Monitor.Core.Digests;
using Monitor.Tests.Support;

namespace Monitor.Worker.Tests.Digests;

/// <summary>A realistic digest built from the seed statements: several sources each, Latin names, numbers, tags.</summary>
internal static class DigestSample
{
    public static readonly DateTimeOffset WindowEnd = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);

    private static readonly (string Id, string Name, string Host, bool Primary)[] Sources =
    [
        ("etilaf", "موقع الائتلاف", "https://etilaf.example.org/news/", true),
        ("orient", "Orient News", "https://orient-news.example.net/ar/news_show/", false),
        ("enab", "عنب بلدي", "https://enabbaladi.example.net/archives/", false),
        ("smart", "SMART News Agency", "https://smartnews-agency.example.com/ar/", false),
        ("zaman", "زمان الوصل", "https://zamanalwsl.example.net/news/article/", false),
    ];

    private static readonly DigestTag[][] Tags =
    [
        [new("topic", "politics", "سياسة", []), new("watch", "leaders", "قادة المعارضة", ["خوجة"])],
        [new("topic", "military", "الوضع الميداني", []), new("watch", "places", "مدن", ["حلب", "حمص"])],
        [new("topic", "politics", "سياسة", []), new("topic", "diplomacy", "علاقات دولية", [])],
        [new("topic", "accountability", "المحاسبة", []), new("watch", "places", "مدن", ["إدلب"])],
        [new("topic", "military", "الوضع الميداني", []), new("watch", "places", "مدن", ["درعا"])],
    ];

    public static DigestSubscriber Subscriber(string language = "ar") => new(
        "reader@example.org", "قارئ", language, TimeZoneInfo.FindSystemTimeZoneById("Asia/Damascus"), [], [], [], 1);

    /// <summary>One story per seed text; the first line becomes the title, with a Latin name and a number mixed in for one of them.</summary>
    public static IReadOnlyList<DigestStory> Stories()
    {
        var seeds = TestPaths.SeedTexts();
        var stories = new List<DigestStory>();
        for (var i = 0; i < seeds.Count; i++)
        {
            var title = TitleFrom(seeds[i]);
            if (i == 2) title += " (John Kerry, UN 2254)";
            var count = 1 + (i * 2 % Sources.Length);
            var sources = Enumerable.Range(0, count)
                .Select(k => Sources[(i + k) % Sources.Length])
                .Select((s, k) => new DigestSource(s.Id, s.Name, s.Host + (1000 + i) + "?utm_source=rss&utm_medium=feed&utm_campaign=" + new string('x', 120),
                    WindowEnd.AddMinutes(-300 + i * 37 + k * 11), s.Primary))
                .ToList();
            stories.Add(new DigestStory(1000 + i, title, seeds[i], sources[0].Link, sources[0].Published,
                sources[^1].Published, sources[0], sources, Tags[i % Tags.Length]));
        }
        return stories;
    }

    private static string TitleFrom(string seed)
    {
        var firstLine = seed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        return DigestText.Truncate(firstLine, 110);
    }
}
