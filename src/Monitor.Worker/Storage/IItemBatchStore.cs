namespace Monitor.Worker.Storage;

/// <summary>
/// Several items saved in one transaction. Each commit writes every index page it touched, and band keys are random,
/// so one commit per item is what limits ingest; a poll's new items saved together cost far less per item.
/// Same rules as <see cref="IItemStore.SaveItemAsync"/> for each pair, applied in order; all or nothing.
/// </summary>
public interface IItemBatchStore
{
    Task<IReadOnlyList<(long ItemId, long StoryId)>> SaveItemsAsync(IReadOnlyList<(NewItem Item, StoryAssignment Assignment)> items, CancellationToken ct);
}
