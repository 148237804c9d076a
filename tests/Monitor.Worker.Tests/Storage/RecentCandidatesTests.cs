using Monitor.Worker.Storage;
using Monitor.Worker.Storage.Sqlite;

namespace Monitor.Worker.Tests.Storage;

public sealed class RecentCandidatesTests
{
    private static CandidateItem Row(long id) => new(id, id, "a", "", "", "h" + id, [1u], 1, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Keeps_the_latest_rows_up_to_its_capacity_and_never_replaces_a_row()
    {
        var recent = new RecentCandidates();
        for (long row = 1; row <= RecentCandidates.Capacity + 10; row++) recent.Remember(row, Row(row));
        recent.Remember(RecentCandidates.Capacity + 10, Row(999));

        Assert.False(recent.TryGet(10, out _));
        Assert.True(recent.TryGet(11, out var oldestKept));
        Assert.Equal(11, oldestKept.ItemId);
        Assert.True(recent.TryGet(RecentCandidates.Capacity + 10, out var latest));
        Assert.Equal(RecentCandidates.Capacity + 10, latest.ItemId);
    }
}
