using Monitor.Core.Dedup;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;
using NSubstitute;

using static Monitor.Worker.Tests.Ingest.StatementTexts;

namespace Monitor.Worker.Tests.Ingest;

/// <summary>
/// The judge verifies the shortlist on shingles it remembers instead of re-reading and re-shingling texts. The risks: a
/// verdict different from verifying on the texts, a stale or foreign set used for a candidate, and a cache that grows
/// without bound in a long-running service.
/// </summary>
public sealed class CandidateVerifierTests
{
    private static readonly DedupOptions Options = new();

    private const string Intro = "قال الائتلاف في بيان نشره على موقعه الرسمي اليوم: ";

    private static readonly (long Id, string Title, string Text)[] Stored =
    [
        (1, "بيان حول قصف إدلب", Statement),
        (2, "عودة اللاجئين", OtherStatement),
        (3, "الائتلاف يدين القصف", Intro + Statement),
    ];

    /// <summary>A stored candidate as the store's signature lookup returns it: fingerprint, no text.</summary>
    private static DedupCandidate Candidate(long id) =>
        new(id, 100 + id, "", "", Fingerprinter.Compute(Stored[id - 1].Title, Stored[id - 1].Text, Options));

    private static DedupCandidate NewItem(string title, string text) =>
        new(0, 0, title, text, Fingerprinter.Compute(title, text, Options)) { Shingles = Fingerprinter.Shingles(title, text, Options) };

    private static IItemStore StoreWithTexts()
    {
        var store = Substitute.For<IItemStore>();
        store.GetItemTextsAsync(Arg.Any<IReadOnlyList<long>>(), Arg.Any<CancellationToken>())
            .Returns(call => Task.FromResult<IReadOnlyDictionary<long, (string Title, string Text)>>(
                call.Arg<IReadOnlyList<long>>().ToDictionary(id => id, id => (Stored[id - 1].Title, Stored[id - 1].Text))));
        return store;
    }

    [Fact]
    public async Task Verdicts_on_remembered_shingles_equal_the_verdicts_on_the_texts_and_read_each_text_once()
    {
        var store = StoreWithTexts();
        var verifier = new CandidateVerifier(store, Options);
        var candidates = new[] { Candidate(1), Candidate(2), Candidate(3) };
        var item = NewItem("الائتلاف يطالب بحماية المدنيين في إدلب", "نشر الائتلاف بيانا جاء فيه: " + Statement);
        var onTexts = NearDuplicateJudge.FindBest(item,
            candidates.Select(c => c with { Title = Stored[c.ItemId - 1].Title, Text = Stored[c.ItemId - 1].Text }).ToList(), Options);

        var first = await verifier.JudgeAsync(item, candidates, CancellationToken.None);
        var second = await verifier.JudgeAsync(item, candidates, CancellationToken.None);

        Assert.NotNull(onTexts);
        Assert.Equal(onTexts, first);
        Assert.Equal(onTexts, second);
        await store.Received(1).GetItemTextsAsync(Arg.Any<IReadOnlyList<long>>(), Arg.Any<CancellationToken>());
        Assert.True(verifier.Recent.Lookups.Hits > 0);
    }

    [Fact]
    public async Task A_new_items_shingles_are_remembered_so_its_text_is_not_read_when_it_becomes_a_candidate()
    {
        var store = StoreWithTexts();
        var verifier = new CandidateVerifier(store, Options);
        var original = Candidate(1);
        verifier.Remember(original.Fingerprint, Fingerprinter.Shingles(Stored[0].Title, Stored[0].Text, Options));

        var verdict = await verifier.JudgeAsync(NewItem("الائتلاف يدين القصف", Intro + Statement), [original], CancellationToken.None);

        Assert.Equal(1, verdict?.ItemId);
        await store.DidNotReceive().GetItemTextsAsync(Arg.Any<IReadOnlyList<long>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_candidate_whose_text_is_gone_is_not_verified()
    {
        var store = Substitute.For<IItemStore>();
        store.GetItemTextsAsync(Arg.Any<IReadOnlyList<long>>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromResult<IReadOnlyDictionary<long, (string Title, string Text)>>(new Dictionary<long, (string, string)>()));
        var verifier = new CandidateVerifier(store, Options);

        var verdict = await verifier.JudgeAsync(NewItem("الائتلاف يدين القصف", Intro + Statement), [Candidate(1)], CancellationToken.None);

        Assert.Null(verdict);
        Assert.Equal(0, verifier.Recent.Count);
    }

    [Fact]
    public void Remembered_sets_stay_within_the_bound_and_the_oldest_unused_go_first()
    {
        var set = new ulong[100];
        var perSet = RecentShingles.SizeOf(set);
        var recent = new RecentShingles(maxBytes: perSet * 3);

        recent.Add("a", set);
        recent.Add("b", set);
        recent.Add("c", set);
        Assert.True(recent.TryGet("a", out _));   // "a" used: it gets a second chance.
        recent.Add("d", set);                     // Over the bound: "b", the oldest unused, goes.
        recent.Add("e", set);                     // Then "c".

        Assert.Equal(3, recent.Count);
        Assert.True(recent.Bytes <= recent.MaxBytes);
        Assert.True(recent.TryGet("a", out var kept));
        Assert.Same(set, kept);
        Assert.False(recent.TryGet("b", out _));
        Assert.False(recent.TryGet("c", out _));
        Assert.True(recent.TryGet("d", out _));
        Assert.True(recent.TryGet("e", out _));
    }

    [Fact]
    public void A_set_larger_than_the_bound_or_without_a_content_hash_is_not_kept()
    {
        var recent = new RecentShingles(maxBytes: 1024);

        recent.Add("big", new ulong[1000]);
        recent.Add("", new ulong[3]);

        Assert.Equal(0, recent.Count);
        Assert.Equal(0, recent.Bytes);
    }
}
