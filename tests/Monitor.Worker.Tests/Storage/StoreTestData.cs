using Monitor.Worker.Storage;

namespace Monitor.Worker.Tests.Storage;

/// <summary>Rows for the store tests. Times are whole milliseconds: the store keeps unix milliseconds.</summary>
internal static class StoreTestData
{
    public static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);

    public static SourceRecord Source(string id, bool primary = false, string? url = null) => new()
    {
        Id = id, Name = "Source " + id, Url = url ?? $"https://{id}.example.org/feed", Interval = TimeSpan.FromMinutes(15),
        TimeZone = "Asia/Damascus", Primary = primary,
    };

    public static NewItem Item(string sourceId, string title, DateTimeOffset published, long[]? bands = null,
        string? guid = null, string? link = null, string? hash = null) => new()
    {
        SourceId = sourceId, Guid = guid, Link = link, Title = title, Text = "نص " + title, Html = "<p>" + title + "</p>",
        Published = published, FetchedAt = published.AddMinutes(5), ContentHash = hash ?? "hash-" + title,
        Signature = [1u, 0xFFFF_FFFFu, 42u], ShingleCount = 3, BandKeys = bands ?? [],
    };

    public static StoryAssignment NewStory(params TagRecord[] tags) => new() { Tags = tags };

    public static StoryAssignment Join(long storyId, long matched, params TagRecord[] tags) => new()
    {
        StoryId = storyId, MatchedItemId = matched, Similarity = 0.875, MatchKind = "near-duplicate", Tags = tags,
    };

    public static SubscriberRecord Subscriber(string email, string frequency = "daily 08:00") => new()
    {
        Email = email, Name = "قارئ", Language = "ar", TimeZone = "Asia/Damascus", Frequency = frequency,
        Topics = ["politics"], WatchLists = ["people"], MutedSources = ["noisy"], MinSources = 2, CreatedAt = T0,
    };

    public static OutboxMessage Message(string key, long subscriberId, DateTimeOffset at) => new()
    {
        Key = key, SubscriberId = subscriberId, Recipient = "reader@example.org", MessageId = $"<{key}@monitor>",
        Subject = "موجز", Mime = "MIME-Version: 1.0\r\n\r\nbody"u8.ToArray(), CreatedAt = at, NextAttemptAt = at,
    };
}
