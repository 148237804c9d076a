using Microsoft.Extensions.Options;
using Monitor.Core.Dedup;
using Monitor.Core.Feeds;
using Monitor.Core.Text;
using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// Entries of one source into the store: exact duplicate check, edit detection, near-duplicate story lookup, tagging,
/// and the save. A poll's new items are saved together, up to <see cref="MaxBatch"/> per transaction (one commit per
/// item was most of the cost of ingest); until then they are visible to the later entries of the same batch, so an
/// entry repeated or republished within one feed is recognised as if each entry had been saved on its own.
/// Stage logic lives in Core; this class only orders the stages.
/// </summary>
public sealed class ItemIngestor(IItemStore store, IItemBatchStore batches, TaggingRulesProvider tagging, IOptions<MonitorOptions> options,
    RecentShingles? recentShingles = null)
{
    /// <summary>At most this many items per transaction: bounds what one failed commit has to redo one by one.</summary>
    public const int MaxBatch = 64;

    private readonly DedupOptions _dedup = options.Value.Dedup;

    /// <summary>Verifies the shortlist; remembers recent items' shingles in <paramref name="recentShingles"/> (the
    /// process's one, from DI; an ingestor built without it keeps its own, at most <see cref="RecentShingles.DefaultMaxBytes"/>).</summary>
    private readonly CandidateVerifier _verifier = new(store, options.Value.Dedup, recentShingles);

    /// <summary>One entry, saved in its own transaction. A failure is thrown.</summary>
    public async Task<IngestOutcome> IngestAsync(SourceRecord source, FeedEntry entry, bool trustGuids, DateTimeOffset fetchedAt, CancellationToken ct)
    {
        var result = (await IngestBatchAsync(source, [entry], trustGuids, fetchedAt, ct))[0];
        if (result.Error is { } error) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        return result.Outcome;
    }

    /// <summary>
    /// The entries in the order given (a poll passes them oldest first). Each entry's outcome, or the error that kept
    /// it from being stored: a failed batch commit is retried item by item, so one bad item costs only itself.
    /// Cancellation may leave the last batch unsaved (nothing half-saved: the poll does not record the fetch, so the
    /// next poll reads the entries again).
    /// </summary>
    public async Task<IReadOnlyList<EntryResult>> IngestBatchAsync(SourceRecord source, IReadOnlyList<FeedEntry> entries, bool trustGuids,
        DateTimeOffset fetchedAt, CancellationToken ct)
    {
        if (_oneBatchAtATime is null) return await IngestEntriesAsync(source, entries, trustGuids, fetchedAt, ct);
        await _oneBatchAtATime.WaitAsync(ct);
        try
        {
            return await IngestEntriesAsync(source, entries, trustGuids, fetchedAt, ct);
        }
        finally
        {
            _oneBatchAtATime.Release();
        }
    }

    /// <summary>
    /// SQLite has one writer connection and every store call of ingest (the lookups too) runs on it, so polls ingesting
    /// at once only wait for each other at every call, and pay for it: with two concurrent batches the benchmark spent
    /// 20–35% more CPU per article (thread-pool hand-offs at each call, caches shared by two threads) for no more
    /// articles per second than one (docs/performance.md, "Ingest, session 5"). On SQLite one batch at a time; the
    /// polls still fetch and parse concurrently. PostgreSQL has a connection per caller and no such gate.
    /// </summary>
    private readonly SemaphoreSlim? _oneBatchAtATime = options.Value.Storage.Provider == "sqlite" ? new(1, 1) : null;

    private async Task<IReadOnlyList<EntryResult>> IngestEntriesAsync(SourceRecord source, IReadOnlyList<FeedEntry> entries, bool trustGuids,
        DateTimeOffset fetchedAt, CancellationToken ct)
    {
        var results = new EntryResult[entries.Count];
        var pending = new PendingItems();
        var i = 0;
        try
        {
            for (; i < entries.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    results[i] = new EntryResult(await IngestOneAsync(source, entries[i], trustGuids, fetchedAt, i, pending, results, ct), null);
                }
                catch (Exception ex) when (ex is not (OperationCanceledException or StoreUnavailableException))
                {
                    results[i] = new EntryResult(IngestOutcome.Empty, ex);
                }
                if (pending.Count >= MaxBatch) await FlushAsync(pending, results, ct);
            }
            await FlushAsync(pending, results, ct);
        }
        catch (StoreUnavailableException gone)
        {
            // The store itself is gone (server down, disk full, file locked): every further entry would fail the same
            // way, so none is tried. Unsaved and untried entries carry the error (counted as not stored, on the safe
            // side); the poll then keeps no validators and the next poll reads them again.
            foreach (var p in pending.Items) results[p.ResultIndex] = new EntryResult(IngestOutcome.Empty, gone);
            pending.Clear();
            for (var j = i; j < entries.Count; j++) results[j] = new EntryResult(IngestOutcome.Empty, gone);
        }
        return results;
    }

    private async Task<IngestOutcome> IngestOneAsync(SourceRecord source, FeedEntry entry, bool trustGuids, DateTimeOffset fetchedAt,
        int index, PendingItems pending, EntryResult[] results, CancellationToken ct)
    {
        var text = entry.Text.Trim();
        var title = string.IsNullOrWhiteSpace(entry.Title) ? FirstLine(text) : entry.Title.Trim();
        if (title.Length == 0 && text.Length == 0) return IngestOutcome.Empty;

        // One analysis per text: tagging reads its tokens, the fingerprint its normalised form.
        var analyzedTitle = TextAnalyzer.Analyze(title);
        var analyzedText = TextAnalyzer.Analyze(text);
        var fingerprint = Fingerprinter.ComputeNormalized(analyzedTitle.Normalized, analyzedText.Normalized, _dedup, out var shingles);
        var tags = TagMapping.ToRecords(tagging.Current.Match(analyzedTitle, analyzedText));
        var guid = trustGuids ? entry.Id : null;
        var published = entry.Published ?? fetchedAt;
        var item = new NewItem
        {
            SourceId = source.Id, Guid = guid, Link = entry.Link, Title = title, Text = text, Html = entry.Html,
            Published = published, FetchedAt = fetchedAt, ContentHash = fingerprint.ContentHash,
            Signature = fingerprint.Signature, ShingleCount = fingerprint.ShingleCount, BandKeys = fingerprint.BandKeys,
        };

        // An entry that repeats a pending one: save the batch first, so the store answers exactly as it would have.
        if (pending.MatchesExactly(item)) await FlushAsync(pending, results, ct);
        var existing = await store.FindExactAsync(source.Id, guid, entry.Link, fingerprint.ContentHash, ct);
        if (existing is not null)
        {
            if (!IsEditOf(existing, item)) return IngestOutcome.Duplicate;
            await FlushAsync(pending, results, ct);
            await store.UpdateItemAsync(existing.ItemId, item, tags, ct);
            return IngestOutcome.Updated;
        }

        var verdict = await FindNearDuplicateAsync(title, text, fingerprint, shingles, published, pending, ct);
        var batchIndex = verdict is null ? null : PendingItems.IndexOf(verdict.ItemId);
        pending.Add(index, item, new StoryAssignment
        {
            StoryId = batchIndex is null ? verdict?.StoryId : null, MatchedItemId = batchIndex is null ? verdict?.ItemId : null,
            JoinsBatchItem = batchIndex, Similarity = verdict?.Similarity ?? 0, MatchKind = verdict?.Kind, Tags = tags,
        }, shingles);
        // Final once the batch is saved; until then the outcome the save will confirm.
        return verdict is null ? IngestOutcome.NewStory : IngestOutcome.JoinedStory;
    }

    /// <summary>Saves the pending items in one transaction; if that fails, one by one, so each failure is its own item's.</summary>
    private async Task FlushAsync(PendingItems pending, EntryResult[] results, CancellationToken ct)
    {
        if (pending.Count == 0) return;
        try
        {
            await batches.SaveItemsAsync(pending.Items.Select(p => (p.Item, p.Assignment)).ToList(), ct);
            foreach (var p in pending.Items) Stored(p.Assignment);
        }
        catch (Exception batchError) when (batchError is not (OperationCanceledException or StoreUnavailableException))
        {
            var saved = new (long ItemId, long StoryId)?[pending.Count];
            for (var k = 0; k < pending.Count; k++)
            {
                var p = pending.Items[k];
                try
                {
                    var assignment = Resolve(p.Assignment, saved);
                    saved[k] = await store.SaveItemAsync(p.Item, assignment, ct);
                    results[p.ResultIndex] = new EntryResult(assignment.StoryId is null ? IngestOutcome.NewStory : IngestOutcome.JoinedStory, null);
                    Stored(assignment);
                }
                catch (Exception ex) when (ex is not (OperationCanceledException or StoreUnavailableException))
                {
                    results[p.ResultIndex] = new EntryResult(IngestOutcome.Empty, ex);
                }
            }
        }
        pending.Clear();
    }

    /// <summary>Saving one by one: a match on an earlier batch item becomes its stored ids; if that item could not be
    /// saved, the entry starts its own story rather than be lost.</summary>
    private static StoryAssignment Resolve(StoryAssignment a, (long ItemId, long StoryId)?[] saved)
    {
        if (a.JoinsBatchItem is not { } k) return a;
        return saved[k] is { } s
            ? a with { StoryId = s.StoryId, MatchedItemId = s.ItemId, JoinsBatchItem = null }
            : a with { StoryId = null, MatchedItemId = null, Similarity = 0, MatchKind = null, JoinsBatchItem = null };
    }

    private static void Stored(StoryAssignment a)
    {
        Hosting.MonitorMetrics.ItemsStored.Add(1);
        if (a.StoryId is null && a.JoinsBatchItem is null) Hosting.MonitorMetrics.StoriesCreated.Add(1);
        Hosting.MonitorMetrics.RecordTags(a.Tags);
    }

    /// <summary>The same entry of the same source (same guid or link) with a different text: an edit, not a new entry.</summary>
    private static bool IsEditOf(ExistingItem existing, NewItem item) =>
        existing.SourceId == item.SourceId
        && existing.ContentHash != item.ContentHash
        && ((item.Guid is not null && existing.Guid == item.Guid) || (item.Link is not null && existing.Link == item.Link));

    /// <summary>
    /// Candidates are read with their signatures only (stored ones sharing a band key, and pending ones of this batch);
    /// the shortlist the signatures leave is all the judge verifies, and only those of its texts not shingled recently
    /// are read and shingled (<see cref="CandidateVerifier"/>).
    /// </summary>
    private async Task<DuplicateVerdict?> FindNearDuplicateAsync(string title, string text, Fingerprint fingerprint, ulong[] shingles,
        DateTimeOffset published, PendingItems pending, CancellationToken ct)
    {
        if (fingerprint.BandKeys.Length == 0) return null;
        // Whatever the verdict, the item may be the next one's candidate: keep its shingles for then.
        _verifier.Remember(fingerprint, shingles);
        var notBefore = published - _dedup.CandidateWindow;
        var rows = await store.FindCandidateSignaturesAsync(fingerprint.BandKeys, notBefore, ct);
        var all = CandidateOrder.NewestFirst(rows, pending.Candidates(fingerprint.BandKeys, notBefore));
        if (all.Count == 0) return null;

        var item = new DedupCandidate(0, 0, title, text, fingerprint) { Shingles = shingles };
        return await _verifier.JudgeAsync(item, all, ct);
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n');
        var line = end < 0 ? text : text[..end];
        return line.Length <= 200 ? line.Trim() : line[..200].Trim() + "…";
    }
}

/// <summary>What became of one entry of a batch: its outcome, or the error that kept it from being stored.</summary>
public readonly record struct EntryResult(IngestOutcome Outcome, Exception? Error);
