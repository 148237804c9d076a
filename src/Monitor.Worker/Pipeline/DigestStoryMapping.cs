using Monitor.Core.Digests;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Pipeline;

/// <summary>Store rows → the digest model of Core.</summary>
public static class DigestStoryMapping
{
    public static DigestStory ToDigestStory(StoryRecord story)
    {
        var items = story.Items.OrderBy(i => i.Published).ToList();
        var representative = items.FirstOrDefault(i => i.ItemId == story.RepresentativeItemId) ?? items[0];
        var first = items[0];
        var sources = items
            .GroupBy(i => i.SourceId)
            .Select(g => g.First())
            .Select(ToSource)
            .ToList();
        // Topic: Id is the slug, Name the display name. Watch: Id is the list (what subscriptions select), Name the entry.
        var tags = story.Tags.Select(t => new DigestTag(t.Kind, t.Name, TagMapping.DisplayName(t), t.Matched)).ToList();
        return new DigestStory(story.Id, representative.Title, representative.Text, representative.Link, story.FirstSeen, story.LastUpdated,
            ToSource(first), sources, tags);
    }

    public static DigestSubscriber ToDigestSubscriber(SubscriberRecord s) => new(
        s.Email, s.Name, s.Language,
        TimeZoneInfo.TryFindSystemTimeZoneById(s.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc,
        s.Topics, s.WatchLists, s.MutedSources, s.MinSources);

    private static DigestSource ToSource(StoryItemRecord i) => new(i.SourceId, i.SourceName, i.Link, i.Published, i.SourcePrimary);
}
