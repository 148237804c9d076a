using Monitor.Core.Text;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Pipeline;

/// <summary>Applies the current rules to stored stories: each story's tags become the union of its items' tags.</summary>
public sealed class Retagger(IItemStore store, TaggingRulesProvider tagging)
{
    public async Task<int> RetagAsync(DateTimeOffset? since, Action<int, int>? progress, CancellationToken ct)
    {
        var stories = await store.ListStoriesAsync(since, int.MaxValue, ct);
        var done = 0;
        foreach (var story in stories)
        {
            ct.ThrowIfCancellationRequested();
            await store.ReplaceStoryTagsAsync(story.Id, TagsOf(story), ct);
            progress?.Invoke(++done, stories.Count);
        }
        return done;
    }

    public IReadOnlyList<TagRecord> TagsOf(StoryRecord story)
    {
        var matcher = tagging.Current;
        var merged = new Dictionary<(string, string, string?), TagRecord>();
        foreach (var item in story.Items)
        {
            foreach (var tag in TagMapping.ToRecords(matcher.Match(TextAnalyzer.Analyze(item.Title), TextAnalyzer.Analyze(item.Text))))
            {
                var key = (tag.Kind, tag.Name, tag.Entry);
                merged[key] = merged.TryGetValue(key, out var seen)
                    ? seen with { Matched = seen.Matched.Union(tag.Matched).ToList(), Score = Math.Max(seen.Score, tag.Score) }
                    : tag;
            }
        }
        return merged.Values.ToList();
    }
}
