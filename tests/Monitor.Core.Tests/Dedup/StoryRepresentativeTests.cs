using Monitor.Core.Dedup;

namespace Monitor.Core.Tests.Dedup;

// Risk guarded: a story shown under a republisher's cut copy when the coalition's own statement is in it.
public class StoryRepresentativeTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 9, 14, 0, TimeSpan.Zero);

    [Fact]
    public void Primary_source_outranks_an_earlier_republisher()
    {
        var id = StoryRepresentative.Choose([(1, false, T0, 900), (2, true, T0.AddMinutes(30), 800)]);
        Assert.Equal(2, id);
    }

    [Fact]
    public void Without_a_primary_the_earliest_wins_then_the_longest()
    {
        Assert.Equal(3, StoryRepresentative.Choose([(1, false, T0.AddHours(1), 900), (3, false, T0, 500)]));
        Assert.Equal(5, StoryRepresentative.Choose([(4, false, T0, 500), (5, false, T0, 700)]));
    }

    [Fact]
    public void Full_ties_go_to_the_lowest_id_whatever_the_order()
    {
        Assert.Equal(6, StoryRepresentative.Choose([(7, false, T0, 500), (6, false, T0, 500)]));
        Assert.Null(StoryRepresentative.Choose([]));
    }
}
