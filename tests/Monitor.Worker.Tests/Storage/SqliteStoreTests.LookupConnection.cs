using Monitor.Worker.Storage;
using static Monitor.Worker.Tests.Storage.StoreTestData;

namespace Monitor.Worker.Tests.Storage;

/// <summary>Ingest's lookups run on a reader connection of their own, so that one poll's decisions go on while the poll
/// before it is saved: they must not wait for the writer, and must see committed rows only.</summary>
public sealed partial class SqliteStoreTests
{
    [Fact]
    public async Task Lookups_answer_while_a_save_holds_the_writer_and_see_only_committed_rows()
    {
        var (saved, _) = await Store.SaveItemAsync(Item("a", "saved", T0, bands: [7], link: "https://x/saved"), NewStory(), None);
        var insideTransaction = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new ManualResetEventSlim();
        var batches = (IItemBatchStore)Store;

        // The save stops inside its transaction, after its insert: the writer is held until released.
        var held = Task.Run(() => batches.SaveItemsAsync([(Item("a", "held", T0.AddMinutes(1), bands: [7], link: "https://x/held"), NewStory())], None,
            (_, _) =>
            {
                insideTransaction.SetResult();
                release.Wait(TimeSpan.FromSeconds(30));
            }));
        try
        {
            await insideTransaction.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var limit = TimeSpan.FromSeconds(10); // a lookup that waited for the writer would wait until release: 30 s
            Assert.Equal(saved, (await Store.FindExactAsync("a", null, "https://x/saved", "none", None).WaitAsync(limit))?.ItemId);
            Assert.Null(await Store.FindExactAsync("a", null, "https://x/held", "hash-held", None).WaitAsync(limit));
            Assert.Equal([saved], (await Store.FindCandidateSignaturesAsync([7], T0.AddDays(-1), None).WaitAsync(limit)).Select(c => c.ItemId));
            Assert.Equal("saved", (await Store.GetItemTextsAsync([saved], None).WaitAsync(limit))[saved].Title);
        }
        finally
        {
            release.Set();
        }
        var heldId = (await held)[0].ItemId;

        // Committed now: the next lookups find it.
        Assert.Equal(heldId, (await Store.FindExactAsync("a", null, "https://x/held", "none", None))?.ItemId);
        Assert.Equal([heldId, saved], (await Store.FindCandidateSignaturesAsync([7], T0.AddDays(-1), None)).Select(c => c.ItemId));
    }
}
