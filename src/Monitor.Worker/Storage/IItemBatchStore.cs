namespace Monitor.Worker.Storage;

/// <summary>
/// Several items saved in one transaction. Each commit writes every index page it touched, and band keys are random,
/// so one commit per item is what limits ingest; a poll's new items saved together cost far less per item.
/// Same rules as <see cref="IItemStore.SaveItemAsync"/> for each pair, applied in order; all or nothing.
/// </summary>
public interface IItemBatchStore
{
    /// <param name="inserted">Called inside the transaction, before the commit, with each item's position in
    /// <paramref name="items"/> and the id it got: a caller that shows its unsaved items to lookups running meanwhile can
    /// then tell them apart from the same rows once committed (the ids are only final if the commit succeeds).</param>
    Task<IReadOnlyList<(long ItemId, long StoryId)>> SaveItemsAsync(IReadOnlyList<(NewItem Item, StoryAssignment Assignment)> items, CancellationToken ct,
        Action<int, long>? inserted = null);
}
