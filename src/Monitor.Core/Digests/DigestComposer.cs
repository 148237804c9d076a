namespace Monitor.Core.Digests;

/// <summary>
/// Chooses what one subscriber gets from the candidate stories of a window and puts it in reading order.
/// Pure: the window's end is passed in, nothing is read from a clock or a store.
/// </summary>
public static class DigestComposer
{
    /// <summary>
    /// Builds the digest, or returns null when nothing is left to send (no empty emails). Candidates first seen after
    /// <paramref name="windowEnd"/> are left for the next window, so a preview and the real send agree.
    /// At most <paramref name="maxStories"/> stories are listed, the most important (<see cref="DigestImportance"/>); the
    /// rest are counted in <see cref="Digest.OmittedStoryIds"/>. A busy day or a new subscriber's first digest over a
    /// full history must still be a message people read and mail servers accept.
    /// </summary>
    public static Digest? Compose(DigestSubscriber subscriber, IReadOnlyList<DigestStory> candidates, DateTimeOffset windowEnd,
        int maxStories = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStories, 1);

        var muted = new HashSet<string>(subscriber.MutedSources, StringComparer.OrdinalIgnoreCase);
        var placed = new List<(GroupKey Key, DigestEntry Entry)>();
        var seen = new HashSet<long>();

        // Each story once: if the store handed the same story twice, the most recently updated copy wins.
        foreach (var story in candidates.OrderByDescending(s => s.LastUpdated))
        {
            if (story.FirstSeen > windowEnd || !seen.Add(story.StoryId)) continue;
            var key = ChooseGroup(subscriber, story);
            if (key is null) continue;
            var entry = BuildEntry(story, muted, Math.Max(1, subscriber.MinSources));
            if (entry is null) continue;
            placed.Add((key.Value, entry));
        }
        if (placed.Count == 0) return null;

        List<long>? omitted = null;
        if (placed.Count > maxStories)
        {
            var ranked = placed.OrderBy(p => p.Entry, DigestImportance.Comparer).ToList();
            omitted = ranked.Skip(maxStories).Select(p => p.Entry.Story.StoryId).ToList();
            placed = ranked.Take(maxStories).ToList();
        }

        // Excerpts only for the stories listed: a first digest over a full day has ten times as many candidates.
        placed = placed.Select(p => (p.Key, p.Entry with { Excerpt = DigestText.Excerpt(p.Entry.Story.Title, p.Entry.Story.Text) })).ToList();

        var groups = placed
            .GroupBy(p => p.Key)
            .Select(g => new DigestGroup(g.Key.Kind, g.Key.Id, g.Key.Name,
                g.Select(p => p.Entry).OrderBy(e => e, DigestImportance.Comparer).ToList()))
            // The catch-all group reads last; the others by their most important story, then by size.
            .OrderBy(g => g.Kind == DigestGroupKind.Other)
            .ThenBy(g => g.Entries[0], DigestImportance.Comparer)
            .ThenByDescending(g => g.Entries.Count)
            .ThenBy(g => g.Name, StringComparer.Ordinal)
            .ToList();

        var entries = groups.SelectMany(g => g.Entries).ToList();
        var top = entries.OrderBy(e => e, DigestImportance.Comparer).First();
        var sourceCount = entries.SelectMany(e => e.Sources).Select(s => s.SourceId).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        return new Digest(subscriber, windowEnd, groups, top, entries.Count, sourceCount, omitted);
    }

    /// <summary>
    /// The group a story goes under, or null when the subscription does not want it. A story goes under its first
    /// wanted topic (in the story's tag order); a story wanted only through a watch list goes under that list.
    /// </summary>
    private static GroupKey? ChooseGroup(DigestSubscriber subscriber, DigestStory story)
    {
        if (subscriber.WantsEverything)
        {
            var anyTopic = story.Tags.FirstOrDefault(t => t.IsTopic);
            return anyTopic is null ? GroupKey.Other : GroupKey.For(DigestGroupKind.Topic, anyTopic);
        }

        var topic = story.Tags.FirstOrDefault(t => t.IsTopic && subscriber.Topics.Any(t.IsNamedBy));
        if (topic is not null) return GroupKey.For(DigestGroupKind.Topic, topic);
        var watch = story.Tags.FirstOrDefault(t => t.IsWatch && subscriber.WatchLists.Any(t.IsNamedBy));
        return watch is null ? null : GroupKey.For(DigestGroupKind.WatchList, watch);
    }

    /// <summary>The entry with muted sources removed, or null when fewer than <paramref name="minSources"/> are left.</summary>
    private static DigestEntry? BuildEntry(DigestStory story, HashSet<string> muted, int minSources)
    {
        var all = story.Sources.Count > 0 ? story.Sources : [story.FirstSource];
        // Most stories have one source: no ordering to do (the sort below cost more than the rest of composing).
        List<DigestSource> visible = all.Count == 1
            ? muted.Contains(all[0].SourceId) ? [] : [all[0]]
            : all
            .Where(s => !muted.Contains(s.SourceId))
            .DistinctBy(s => s.SourceId, StringComparer.OrdinalIgnoreCase)
            // The story's own first source leads when visible; the rest in order of publication.
            .OrderBy(s => string.Equals(s.SourceId, story.FirstSource.SourceId, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(s => s.Published)
            .ThenBy(s => s.SourceName, StringComparer.Ordinal)
            .ToList();
        if (visible.Count < minSources) return null;

        // The title links to the primary publisher when it is visible and has a usable link, else to the first source.
        var lead = visible.FirstOrDefault(s => s.Primary && SafeLink.Clean(s.Link) is not null)
                   ?? visible.FirstOrDefault(s => SafeLink.Clean(s.Link) is not null)
                   ?? visible[0];
        var link = SafeLink.Clean(lead.Link) ?? SafeLink.Clean(story.Link);
        return new DigestEntry(story, visible, lead, link, Excerpt: "");   // the excerpt is added once the story is listed
    }

    private readonly record struct GroupKey(DigestGroupKind Kind, string Id, string Name)
    {
        public static GroupKey Other => new(DigestGroupKind.Other, "", "");

        // Ids compare case-insensitively: "Politics" and "politics" are one group.
        public static GroupKey For(DigestGroupKind kind, DigestTag tag) => new(kind, tag.Id.ToLowerInvariant(), tag.Name);
    }
}
