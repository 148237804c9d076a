using Microsoft.Extensions.Options;
using Monitor.Core.Dedup;
using Monitor.Core.Feeds;
using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// Entries of one source into the store, in three stages. <b>Prepare</b> (<see cref="PreparedEntry"/>): analysis,
/// fingerprint and tags, which need no store, before the poll queues. <b>Decide</b>, one entry after another: exact
/// duplicate or edit, then the near-duplicate lookup and the judge, against the store and the items judged before it
/// but not yet saved (<see cref="UnsavedItems"/>), so an entry repeated or republished within one feed, or by the poll
/// just before, is recognised as if each entry had been saved on its own. <b>Save</b> (<see cref="SaveQueue"/>): up to
/// <see cref="MaxBatch"/> items per transaction (one commit per item was most of the cost of ingest), in judging
/// order, while the next entries are being decided. Stage logic lives in Core; this class only orders the stages.
/// </summary>
public sealed class ItemIngestor(IItemStore store, IItemBatchStore batches, TaggingRulesProvider tagging, IOptions<MonitorOptions> options,
    RecentShingles? recentShingles = null)
{
    /// <summary>At most this many items per transaction: bounds what one failed commit has to redo one by one.</summary>
    public const int MaxBatch = 64;

    private readonly DedupOptions _dedup = options.Value.Dedup;

    /// <summary>Verifies the shortlist; remembers recent items' shingles in <paramref name="recentShingles"/> (the
    /// process's one, from DI; an ingestor built without it keeps its own, of the configured size).</summary>
    private readonly CandidateVerifier _verifier = new(store, options.Value.Dedup,
        recentShingles ?? new RecentShingles(options.Value.Dedup.RememberedShinglesMiB * 1024L * 1024));

    /// <summary>
    /// SQLite has one writer connection for the saves and one lookup connection for the decisions' reads. So polls
    /// decide one at a time (each sees every item judged before it, saved or not) and share one save queue: one poll's
    /// decisions and the preparation of the next run beside the save of the poll before it. (Letting polls ingest at
    /// once only made them contend for the writer at every call: 20–35% more CPU per article for no more articles per
    /// second; docs/performance.md, "Ingest, session 5"; the lookup connection: "Ingest, session 7".) PostgreSQL has a
    /// connection per caller: polls ingest at once, each with its own queue, as before.
    /// </summary>
    private readonly SemaphoreSlim? _oneDecidesAtATime = options.Value.Storage.Provider == "sqlite" ? new(1, 1) : null;
    private readonly SaveQueue? _sharedQueue = options.Value.Storage.Provider == "sqlite" ? new(batches) : null;

    /// <summary>One entry, saved in its own transaction. A failure is thrown.</summary>
    public async Task<IngestOutcome> IngestAsync(SourceRecord source, FeedEntry entry, bool trustGuids, DateTimeOffset fetchedAt, CancellationToken ct)
    {
        var result = (await IngestBatchAsync(source, [entry], trustGuids, fetchedAt, ct))[0];
        if (result.Error is { } error) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        return result.Outcome;
    }

    /// <summary>
    /// The entries in the order given (a poll passes them oldest first). Each entry's outcome once saved, or the error
    /// that kept it from being stored: a failed batch commit is retried item by item, so one bad item costs only itself.
    /// Cancellation may leave the last items unsaved (nothing half-saved: the poll does not record the fetch, so the
    /// next poll reads the entries again).
    /// </summary>
    public async Task<IReadOnlyList<EntryResult>> IngestBatchAsync(SourceRecord source, IReadOnlyList<FeedEntry> entries, bool trustGuids,
        DateTimeOffset fetchedAt, CancellationToken ct)
    {
        var tagger = tagging.Current;
        var prepared = new PreparedEntry?[entries.Count];
        for (var i = 0; i < prepared.Length; i++)
            prepared[i] = PreparedEntry.Prepare(source, entries[i], trustGuids, fetchedAt, _dedup, tagger);

        var call = new Call(_sharedQueue ?? new SaveQueue(batches), new EntryResult[entries.Count]);
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        try
        {
            if (_oneDecidesAtATime is not null) await _oneDecidesAtATime.WaitAsync(ct);
            try
            {
                await DecideAllAsync(call, source, prepared, ct);
            }
            finally
            {
                _oneDecidesAtATime?.Release();
            }
        }
        catch (Exception e)
        {
            failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
        }
        // The poll's saves finish (or fail) before it returns, whatever happened to its decisions.
        await Task.WhenAll(call.HandedOff.Select(b => b.Completion));
        ForgetSaved(call.Queue);
        failure?.Throw();
        foreach (var r in call.Results)
            if (r.Error is OperationCanceledException cancelled) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cancelled);
        return call.Results;
    }

    /// <summary>Items in the shared unsaved list now: judged and not yet dropped from it (SQLite; 0 on PostgreSQL).</summary>
    internal int UnsavedCount => _sharedQueue?.Unsaved.Count ?? 0;

    /// <summary>
    /// Drops the poll's saved items from the shared unsaved list as soon as its saves are done, not at the next poll's
    /// first decision: between polls the list would otherwise hold the last poll's texts and shingles for nothing. Only
    /// a caller allowed to decide may prune, so this is skipped while another poll decides (its decisions prune).
    /// PostgreSQL's queue belongs to the call and goes with it.
    /// </summary>
    private void ForgetSaved(SaveQueue queue)
    {
        if (_oneDecidesAtATime is null || !_oneDecidesAtATime.Wait(0)) return;
        try
        {
            queue.Unsaved.Prune();
        }
        finally
        {
            _oneDecidesAtATime.Release();
        }
    }

    /// <summary>One poll's decisions: its queue, its results, the batch being filled and those handed off.</summary>
    private sealed class Call(SaveQueue queue, EntryResult[] results)
    {
        public SaveQueue Queue { get; } = queue;
        public EntryResult[] Results { get; } = results;
        public SaveBatch Current { get; set; } = new();
        public List<SaveBatch> HandedOff { get; } = [];

        /// <summary>Hands the batch being filled to the save queue and starts a new one.</summary>
        public void HandOff(CancellationToken ct)
        {
            if (Current.Items.Count == 0) return;
            Queue.HandOff(Current, ct);
            HandedOff.Add(Current);
            Current = new SaveBatch();
        }

        /// <summary>Hands off the batch being filled and waits until everything judged so far, this poll's or another's,
        /// is in the store: then the store answers as if each entry had been saved on its own.</summary>
        public async Task SaveEverythingAsync(CancellationToken ct)
        {
            HandOff(ct);
            await Queue.AllSavedAsync();
            Queue.Unsaved.Prune();
        }
    }

    private async Task DecideAllAsync(Call call, SourceRecord source, PreparedEntry?[] prepared, CancellationToken ct)
    {
        var i = 0;
        try
        {
            for (; i < prepared.Length; i++)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    // Set now, final once the batch is saved (the save overwrites it with the outcome or the error).
                    call.Results[i] = new EntryResult(await DecideAsync(call, source, prepared[i], i, ct), null);
                }
                catch (Exception ex) when (ex is not (OperationCanceledException or StoreUnavailableException))
                {
                    call.Results[i] = new EntryResult(IngestOutcome.Empty, ex);
                }
                if (call.Current.Items.Count >= MaxBatch) call.HandOff(ct);
            }
            call.HandOff(ct);
        }
        catch (StoreUnavailableException gone)
        {
            // The store itself is gone: every further entry would fail the same way, so none is tried. Undecided and
            // unsaved entries carry the error (counted as not stored); the poll then keeps no validators and the next
            // poll reads them again.
            foreach (var item in call.Current.Items) call.Results[item.ResultIndex] = new EntryResult(IngestOutcome.Empty, gone);
            call.Queue.Unsaved.Abandon(call.Current);
            for (var j = i; j < prepared.Length; j++) call.Results[j] = new EntryResult(IngestOutcome.Empty, gone);
        }
        catch
        {
            call.Queue.Unsaved.Abandon(call.Current);
            throw;
        }
    }

    private async Task<IngestOutcome> DecideAsync(Call call, SourceRecord source, PreparedEntry? entry, int index, CancellationToken ct)
    {
        if (entry is null) return IngestOutcome.Empty;
        var unsaved = call.Queue.Unsaved;
        unsaved.Prune();
        var item = entry.Item;

        // An entry that repeats an unsaved one: save everything first, so the store answers exactly as it would have.
        if (unsaved.MatchesExactly(item)) await call.SaveEverythingAsync(ct);
        var existing = await store.FindExactAsync(source.Id, item.Guid, item.Link, item.ContentHash, ct);
        if (existing is not null)
        {
            if (!IsEditOf(existing, item)) return IngestOutcome.Duplicate;
            await call.SaveEverythingAsync(ct);
            await store.UpdateItemAsync(existing.ItemId, item, entry.Tags, ct);
            return IngestOutcome.Updated;
        }

        var verdict = await FindNearDuplicateAsync(entry, unsaved, ct);
        var joins = verdict is null ? null : unsaved.Find(verdict.ItemId);
        unsaved.Add(call.Current, entry, new StoryAssignment
        {
            StoryId = joins is null ? verdict?.StoryId : null, MatchedItemId = joins is null ? verdict?.ItemId : null,
            Similarity = verdict?.Similarity ?? 0, MatchKind = verdict?.Kind, Tags = entry.Tags,
        }, joins, call.Results, index);
        return verdict is null ? IngestOutcome.NewStory : IngestOutcome.JoinedStory;
    }

    /// <summary>The same entry of the same source (same guid or link) with a different text: an edit, not a new entry.</summary>
    private static bool IsEditOf(ExistingItem existing, NewItem item) =>
        existing.SourceId == item.SourceId
        && existing.ContentHash != item.ContentHash
        && ((item.Guid is not null && existing.Guid == item.Guid) || (item.Link is not null && existing.Link == item.Link));

    /// <summary>
    /// Candidates are read with their signatures only (stored ones sharing a band key, and unsaved ones); the shortlist
    /// the signatures leave is all the judge verifies, and only those of its texts not shingled recently are read and
    /// shingled (<see cref="CandidateVerifier"/>).
    /// </summary>
    private async Task<DuplicateVerdict?> FindNearDuplicateAsync(PreparedEntry entry, UnsavedItems unsaved, CancellationToken ct)
    {
        var (item, fingerprint) = (entry.Item, entry.Fingerprint);
        if (fingerprint.BandKeys.Length == 0) return null;
        // Whatever the verdict, the item may be the next one's candidate: keep its shingles for then.
        _verifier.Remember(fingerprint, entry.Shingles);
        var notBefore = item.Published - _dedup.CandidateWindow;
        var found = await store.FindCandidateSignaturesAsync(fingerprint.BandKeys, notBefore, ct);
        var (rows, leftOut) = unsaved.WithoutListed(found);
        // Rows of unsaved items took places under the store's cap: ask again for as many more, as a store without them
        // would have answered.
        if (leftOut > 0 && found.Count >= IItemStore.CandidateCap)
            (rows, _) = unsaved.WithoutListed(await store.FindCandidateSignaturesAsync(fingerprint.BandKeys, notBefore, ct, extra: leftOut));
        var all = CandidateOrder.NewestFirst(rows, unsaved.Candidates(fingerprint.BandKeys, notBefore));
        if (all.Count == 0) return null;

        var candidate = new DedupCandidate(0, 0, item.Title, item.Text, fingerprint) { Shingles = entry.Shingles };
        return await _verifier.JudgeAsync(candidate, all, ct);
    }
}

/// <summary>What became of one entry of a batch: its outcome, or the error that kept it from being stored.</summary>
public readonly record struct EntryResult(IngestOutcome Outcome, Exception? Error);
