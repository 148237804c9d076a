using Microsoft.Extensions.Options;
using Monitor.Core.Dedup;
using Monitor.Core.Feeds;
using Monitor.Core.Text;
using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// One entry from one source into the store: exact duplicate check, edit detection, near-duplicate story lookup,
/// tagging, and the transactional save. Stage logic lives in Core; this class only orders the stages.
/// </summary>
public sealed class ItemIngestor(IItemStore store, TaggingRulesProvider tagging, IOptions<MonitorOptions> options)
{
    private readonly DedupOptions _dedup = options.Value.Dedup;

    public async Task<IngestOutcome> IngestAsync(SourceRecord source, FeedEntry entry, bool trustGuids, DateTimeOffset fetchedAt, CancellationToken ct)
    {
        var text = entry.Text.Trim();
        var title = string.IsNullOrWhiteSpace(entry.Title) ? FirstLine(text) : entry.Title.Trim();
        if (title.Length == 0 && text.Length == 0) return IngestOutcome.Empty;

        var fingerprint = Fingerprinter.Compute(title, text, _dedup);
        var guid = trustGuids ? entry.Id : null;
        var published = entry.Published ?? fetchedAt;
        var tags = TagMapping.ToRecords(tagging.Current.Match(TextAnalyzer.Analyze(title), TextAnalyzer.Analyze(text)));
        var item = new NewItem
        {
            SourceId = source.Id, Guid = guid, Link = entry.Link, Title = title, Text = text, Html = entry.Html,
            Published = published, FetchedAt = fetchedAt, ContentHash = fingerprint.ContentHash,
            Signature = fingerprint.Signature, ShingleCount = fingerprint.ShingleCount, BandKeys = fingerprint.BandKeys,
        };

        var existing = await store.FindExactAsync(source.Id, guid, entry.Link, fingerprint.ContentHash, ct);
        if (existing is not null)
        {
            if (!IsEditOf(existing, item)) return IngestOutcome.Duplicate;
            await store.UpdateItemAsync(existing.ItemId, item, tags, ct);
            return IngestOutcome.Updated;
        }

        var verdict = await FindNearDuplicateAsync(title, text, fingerprint, published, ct);
        await store.SaveItemAsync(item, new StoryAssignment
        {
            StoryId = verdict?.StoryId, MatchedItemId = verdict?.ItemId, Similarity = verdict?.Similarity ?? 0,
            MatchKind = verdict?.Kind, Tags = tags,
        }, ct);
        Hosting.MonitorMetrics.ItemsStored.Add(1);
        if (verdict is null) Hosting.MonitorMetrics.StoriesCreated.Add(1);
        Hosting.MonitorMetrics.RecordTags(tags);
        return verdict is null ? IngestOutcome.NewStory : IngestOutcome.JoinedStory;
    }

    /// <summary>The same entry of the same source (same guid or link) with a different text: an edit, not a new entry.</summary>
    private static bool IsEditOf(ExistingItem existing, NewItem item) =>
        existing.SourceId == item.SourceId
        && existing.ContentHash != item.ContentHash
        && ((item.Guid is not null && existing.Guid == item.Guid) || (item.Link is not null && existing.Link == item.Link));

    private async Task<DuplicateVerdict?> FindNearDuplicateAsync(string title, string text, Fingerprint fingerprint, DateTimeOffset published, CancellationToken ct)
    {
        if (fingerprint.BandKeys.Length == 0) return null;
        var rows = await store.FindCandidatesAsync(fingerprint.BandKeys, published - _dedup.CandidateWindow, ct);
        if (rows.Count == 0) return null;
        var candidates = rows
            .Select(c => new DedupCandidate(c.ItemId, c.StoryId, c.Title, c.Text, new Fingerprint(c.ContentHash, c.Signature, c.ShingleCount, [])))
            .ToList();
        return NearDuplicateJudge.FindBest(new DedupCandidate(0, 0, title, text, fingerprint), candidates, _dedup);
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n');
        var line = end < 0 ? text : text[..end];
        return line.Length <= 200 ? line.Trim() : line[..200].Trim() + "…";
    }
}
