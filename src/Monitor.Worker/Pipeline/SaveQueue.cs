using Monitor.Worker.Storage;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// Saves judged batches one after another, in the order they were judged, while the next entries are being judged:
/// on two cores the store's writes run beside the lookups and the judge. Each batch is one transaction; if it fails,
/// its items are saved one by one, so each failure is its own item's. An item that matched an item of an earlier batch
/// joins the story that item was saved in, or starts its own if that item could not be saved.
/// </summary>
internal sealed class SaveQueue(IItemBatchStore batches)
{
    private Task _last = Task.CompletedTask;

    /// <summary>What later decisions see of the items not yet saved.</summary>
    public UnsavedItems Unsaved { get; } = new();

    /// <summary>Queues the batch behind those handed off before it and returns at once (the deciding caller only).</summary>
    public void HandOff(SaveBatch batch, CancellationToken ct)
    {
        if (batch.Items.Count == 0) return;
        var before = _last;
        // On the thread pool: the caller goes on deciding while this batch waits for the ones before it and is saved.
        batch.Completion = Task.Run(() => SaveAfterAsync(before, batch, ct), CancellationToken.None);
        _last = batch.Completion;
    }

    /// <summary>Completes when every batch handed off so far is saved or failed.</summary>
    public Task AllSavedAsync() => _last;

    private async Task SaveAfterAsync(Task before, SaveBatch batch, CancellationToken ct)
    {
        await before; // never faults
        var items = batch.Items;
        try
        {
            ct.ThrowIfCancellationRequested();
            var rows = new (NewItem Item, StoryAssignment Assignment)[items.Count];
            for (var k = 0; k < items.Count; k++) rows[k] = (items[k].Entry.Item, Resolve(items[k], batch, sameTransaction: true));
            try
            {
                var saved = await batches.SaveItemsAsync(rows, ct, (k, id) => Unsaved.Inserted(items[k], id));
                for (var k = 0; k < items.Count; k++) Stored(items[k], saved[k], rows[k].Assignment);
            }
            catch (Exception batchError) when (batchError is not (OperationCanceledException or StoreUnavailableException))
            {
                Unsaved.RolledBack(items);
                foreach (var item in items) await SaveAloneAsync(item, batch, ct);
            }
        }
        catch (Exception e)
        {
            // Cancelled, or the store is gone (server down, disk full, file locked): every item not saved carries the
            // error (counted as not stored); the poll then keeps no validators and the next poll reads them again.
            Unsaved.RolledBack(items);
            foreach (var item in items)
                if (Unsaved.SavedAs(item) is null) item.Results[item.ResultIndex] = new EntryResult(IngestOutcome.Empty, e);
        }
        finally
        {
            Unsaved.Finished(batch);
        }
    }

    private async Task SaveAloneAsync(UnsavedItem item, SaveBatch batch, CancellationToken ct)
    {
        try
        {
            var assignment = Resolve(item, batch, sameTransaction: false);
            var saved = await batches.SaveItemsAsync([(item.Entry.Item, assignment)], ct, (_, id) => Unsaved.Inserted(item, id));
            Stored(item, saved[0], assignment);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or StoreUnavailableException))
        {
            Unsaved.RolledBack([item]);
            item.Results[item.ResultIndex] = new EntryResult(IngestOutcome.Empty, ex);
        }
    }

    /// <summary>The assignment the store is given: a match on an unsaved item becomes that item's ids (or its index in the
    /// same transaction); if that item could not be saved, the entry starts its own story rather than be lost.</summary>
    private StoryAssignment Resolve(UnsavedItem item, SaveBatch batch, bool sameTransaction)
    {
        var a = item.Assignment;
        if (item.Joins is not { } joined) return a;
        if (sameTransaction && joined.Batch == batch) return a with { JoinsBatchItem = batch.Items.IndexOf(joined) };
        return Unsaved.SavedAs(joined) is { } s
            ? a with { StoryId = s.StoryId, MatchedItemId = s.ItemId }
            : a with { StoryId = null, MatchedItemId = null, Similarity = 0, MatchKind = null };
    }

    private void Stored(UnsavedItem item, (long ItemId, long StoryId) ids, StoryAssignment a)
    {
        Unsaved.Saved(item, ids);
        var startsStory = a.StoryId is null && a.JoinsBatchItem is null;
        item.Results[item.ResultIndex] = new EntryResult(startsStory ? IngestOutcome.NewStory : IngestOutcome.JoinedStory, null);
        Hosting.MonitorMetrics.ItemsStored.Add(1);
        if (startsStory) Hosting.MonitorMetrics.StoriesCreated.Add(1);
        Hosting.MonitorMetrics.RecordTags(a.Tags);
    }
}
