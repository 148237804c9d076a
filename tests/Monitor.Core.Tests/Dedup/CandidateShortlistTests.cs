using Monitor.Core.Dedup;

namespace Monitor.Core.Tests.Dedup;

/// <summary>
/// The risk of the shortlist (it saves re-shingling every candidate): dropping the true duplicate, or letting an
/// unbounded list through.
/// </summary>
public sealed class CandidateShortlistTests
{
    private static readonly DedupOptions Options = new();

    [Fact]
    public void Keeps_a_republication_and_drops_an_unrelated_statement()
    {
        var (title, text) = Statements.Seed004();
        var item = Candidate(0, title, text);
        var republished = Candidate(1, "عاجل: " + title, Republish.WithReadAlso(Republish.WithIntro(text)));
        var unrelated = Candidate(2, "بيان حول المعتقلين", Statements.DetaineesWithBoilerplate);

        var shortlist = CandidateShortlist.Select(item, [unrelated, republished], Options);

        Assert.Contains(shortlist, c => c.ItemId == 1);
        Assert.DoesNotContain(shortlist, c => c.ItemId == 2);
        Assert.Equal(1, NearDuplicateJudge.FindBest(item, [unrelated, republished], Options)?.ItemId);
    }

    [Fact]
    public void Verifies_at_most_a_bounded_number_nearest_first()
    {
        var (title, text) = Statements.Seed004();
        var item = Candidate(0, title, text);
        var many = Enumerable.Range(1, 40).Select(i => Candidate(i, title, Republish.WithIntro(text) + $"\n\nالمصدر رقم {i}")).ToList();

        var shortlist = CandidateShortlist.Select(item, many, Options);

        Assert.Equal(CandidateShortlist.MaxVerified, shortlist.Count);
    }

    private static DedupCandidate Candidate(long id, string title, string text) =>
        new(id, id, title, text, Fingerprinter.Compute(title, text, Options));
}
