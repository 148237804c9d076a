using Monitor.Core.Digests;

namespace Monitor.Core.Tests.Digests;

/// <summary>Small builders so each test states only what it is about.</summary>
internal static class DigestTestData
{
    public static readonly DateTimeOffset WindowEnd = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);
    public static readonly TimeZoneInfo Damascus = TimeZoneInfo.FindSystemTimeZoneById("Asia/Damascus");

    public static DigestSubscriber Subscriber(
        string language = "ar",
        string[]? topics = null,
        string[]? watchLists = null,
        string[]? muted = null,
        int minSources = 1,
        TimeZoneInfo? zone = null) =>
        new("reader@example.org", "قارئ", language, zone ?? Damascus, topics ?? [], watchLists ?? [], muted ?? [], minSources);

    public static DigestSource Source(string id, int minutesBeforeEnd = 60, bool primary = false, string? link = null, string? name = null) =>
        new(id, name ?? "مصدر " + id, link ?? $"https://{id}.example.org/item", WindowEnd.AddMinutes(-minutesBeforeEnd), primary);

    public static DigestTag Topic(string id, string? name = null) => new(DigestTag.TopicKind, id, name ?? id, []);

    public static DigestTag Watch(string list, params string[] matched) => new(DigestTag.WatchKind, list, list, matched);

    public static DigestStory Story(
        long id,
        string? title = null,
        string? text = null,
        DigestSource[]? sources = null,
        DigestTag[]? tags = null,
        int updatedMinutesBeforeEnd = 30,
        string? link = null)
    {
        var all = sources ?? [Source("s" + id)];
        var first = all.OrderBy(s => s.Published).First();
        return new DigestStory(
            id,
            title ?? "الائتلاف الوطني يصدر بياناً رقم " + id,
            text ?? "نص الخبر رقم " + id + " كما نشرته المصادر.",
            link,
            first.Published,
            WindowEnd.AddMinutes(-updatedMinutesBeforeEnd),
            first,
            all,
            tags ?? []);
    }

    public static DigestRenderContext Context(string unsubscribe = "https://monitor.example.org/unsubscribe?t=abc", string? manage = "https://monitor.example.org/manage?t=abc") =>
        new(unsubscribe, manage, "رصد الائتلاف");
}
