using Monitor.Core.Feeds;

namespace Monitor.Core.Tests.Feeds;

/// <summary>Identity decides "new entry" vs "update": bad guids must not create duplicates, edited titles must not either.</summary>
public sealed class EntryIdentityTests
{
    private static readonly DateTimeOffset When = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Key_prefers_guid_then_link_then_hash()
    {
        Assert.Equal("id:g1", EntryIdentity.Key(new FeedEntry { Id = "g1", Link = "http://e.org/1" }));
        Assert.Equal("link:http://e.org/1", EntryIdentity.Key(new FeedEntry { Link = "http://e.org/1", Title = "t" }));
        Assert.StartsWith("hash:", EntryIdentity.Key(new FeedEntry { Title = "t", Published = When }), StringComparison.Ordinal);
    }

    [Fact]
    public void Same_link_with_edited_title_keeps_its_key()
    {
        var before = new FeedEntry { Link = "http://e.org/1", Title = "Draft" };
        var after = new FeedEntry { Link = "http://e.org/1", Title = "Final", Text = "changed" };
        Assert.Equal(EntryIdentity.Key(before), EntryIdentity.Key(after));
    }

    [Fact]
    public void Hash_key_differs_by_title_and_date()
    {
        var a = EntryIdentity.Key(new FeedEntry { Title = "t", Published = When });
        Assert.NotEqual(a, EntryIdentity.Key(new FeedEntry { Title = "u", Published = When }));
        Assert.NotEqual(a, EntryIdentity.Key(new FeedEntry { Title = "t", Published = When.AddDays(1) }));
    }

    [Fact]
    public void Guids_are_unusable_when_more_than_five_percent_repeat_or_are_missing()
    {
        var good = Enumerable.Range(0, 40).Select(i => new FeedEntry { Id = "g" + i }).ToList();
        Assert.False(EntryIdentity.GuidsUnusable(good));

        var repeated = good.Select((e, i) => i < 3 ? e with { Id = "same" } : e).ToList();
        Assert.True(EntryIdentity.GuidsUnusable(repeated));

        var missing = good.Select((e, i) => i < 3 ? e with { Id = null } : e).ToList();
        Assert.True(EntryIdentity.GuidsUnusable(missing));

        var oneMissing = good.Select((e, i) => i == 0 ? e with { Id = null } : e).ToList();
        Assert.False(EntryIdentity.GuidsUnusable(oneMissing));
    }

    [Fact]
    public void Keys_fall_back_to_links_for_a_feed_with_unusable_guids()
    {
        var entries = Enumerable.Range(0, 10).Select(i => new FeedEntry { Id = "same", Link = "http://e.org/" + i }).ToList();
        Assert.Equal(entries.Select(e => "link:" + e.Link), EntryIdentity.Keys(entries));
    }
}
