using Monitor.Worker.Storage;

namespace Monitor.Worker.Tests.Storage;

public sealed class CandidateItemTests
{
    private static readonly uint[] Signature = [1, 2, 3];

    private static CandidateItem Row(long storyId = 7) =>
        new(3, storyId, "src", "", "", "hash", Signature, 40, DateTimeOffset.UnixEpoch);

    [Fact]
    public void The_judges_candidate_is_made_once_per_row_from_its_columns()
    {
        var row = Row();
        var candidate = row.SignatureCandidate;

        Assert.Same(candidate, row.SignatureCandidate);
        Assert.Equal((3L, 7L, "hash", 40), (candidate.ItemId, candidate.StoryId, candidate.Fingerprint.ContentHash, candidate.Fingerprint.ShingleCount));
        Assert.Same(Signature, candidate.Fingerprint.Signature);
        Assert.Null(candidate.Shingles);
    }

    [Fact]
    public void A_copy_with_other_columns_makes_its_own_candidate()
    {
        var row = Row();
        _ = row.SignatureCandidate;

        var moved = row with { StoryId = 9 };

        Assert.Equal(9, moved.SignatureCandidate.StoryId);
        Assert.Equal(7, row.SignatureCandidate.StoryId);
    }

    [Fact]
    public void Rows_compare_by_their_columns_whether_or_not_the_candidate_was_made()
    {
        var made = Row();
        _ = made.SignatureCandidate;

        Assert.Equal(Row(), made);
        Assert.Equal(Row().GetHashCode(), made.GetHashCode());
        Assert.NotEqual(Row(storyId: 8), made);
        Assert.NotEqual(Row() with { Signature = [1, 2, 3] }, made); // the signature compares by reference, as before
    }
}
