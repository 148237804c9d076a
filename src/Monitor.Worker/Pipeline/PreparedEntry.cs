using Monitor.Core.Dedup;
using Monitor.Core.Feeds;
using Monitor.Core.Tagging;
using Monitor.Core.Text;
using Monitor.Worker.Storage;
using Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// An entry made ready for the store without reading it: analysed once (tagging reads the tokens, the fingerprint the
/// normalised form), fingerprinted and tagged (the tags merged and written as the store keeps them). A poll prepares its
/// entries before it queues for the store's decisions, so on two cores one poll's preparation runs beside another
/// poll's lookups and saves.
/// </summary>
internal sealed record PreparedEntry(NewItem Item, Fingerprint Fingerprint, ulong[] Shingles, StoredTags Tags)
{
    /// <summary>The entry as the store will keep it, or null when it has neither title nor text.</summary>
    public static PreparedEntry? Prepare(SourceRecord source, FeedEntry entry, bool trustGuids, DateTimeOffset fetchedAt,
        DedupOptions dedup, TagMatcher tagger)
    {
        var text = entry.Text.Trim();
        var title = string.IsNullOrWhiteSpace(entry.Title) ? FirstLine(text) : entry.Title.Trim();
        if (title.Length == 0 && text.Length == 0) return null;

        var analyzedTitle = TextAnalyzer.Analyze(title);
        var analyzedText = TextAnalyzer.Analyze(text);
        var fingerprint = Fingerprinter.ComputeNormalized(analyzedTitle.Normalized, analyzedText.Normalized, dedup, out var shingles);
        var tags = StoredTags.Of(TagMapping.ToRecords(tagger.Match(analyzedTitle, analyzedText)));
        var item = new NewItem
        {
            SourceId = source.Id, Guid = trustGuids ? entry.Id : null, Link = entry.Link, Title = title, Text = text, Html = entry.Html,
            Published = entry.Published ?? fetchedAt, FetchedAt = fetchedAt, ContentHash = fingerprint.ContentHash,
            Signature = fingerprint.Signature, ShingleCount = fingerprint.ShingleCount, BandKeys = fingerprint.BandKeys,
        };
        return new PreparedEntry(item, fingerprint, shingles, tags);
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n');
        var line = end < 0 ? text : text[..end];
        return line.Length <= 200 ? line.Trim() : line[..200].Trim() + "…";
    }
}
