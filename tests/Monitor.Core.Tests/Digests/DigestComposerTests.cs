using Monitor.Core.Digests;
using static Monitor.Core.Tests.Digests.DigestTestData;

namespace Monitor.Core.Tests.Digests;

/// <summary>Risk guarded: a subscriber gets stories they did not ask for, misses ones they did, or gets an empty email.</summary>
public class DigestComposerTests
{
    [Fact]
    public void Returns_null_for_an_empty_window()
    {
        Assert.Null(DigestComposer.Compose(Subscriber(), [], WindowEnd));
    }

    [Fact]
    public void Returns_null_when_nothing_matches_the_subscription()
    {
        var stories = new[] { Story(1, tags: [Topic("economy")]) };
        Assert.Null(DigestComposer.Compose(Subscriber(topics: ["politics"]), stories, WindowEnd));
    }

    [Fact]
    public void Keeps_only_stories_with_a_wanted_topic_matched_by_id_or_name_ignoring_case()
    {
        var stories = new[]
        {
            Story(1, tags: [Topic("politics", "سياسة")]),
            Story(2, tags: [Topic("economy", "اقتصاد")]),
            Story(3, tags: [Topic("detainees", "المعتقلون")]),
        };
        var digest = DigestComposer.Compose(Subscriber(topics: ["POLITICS", "المعتقلون"]), stories, WindowEnd)!;

        Assert.Equal([1L, 3L], digest.Entries.Select(e => e.Story.StoryId).Order());
    }

    [Fact]
    public void Keeps_stories_from_a_wanted_watch_list_and_groups_them_under_the_list()
    {
        var stories = new[]
        {
            Story(1, tags: [Topic("economy"), Watch("leaders", "خوجة")]),
            Story(2, tags: [Topic("economy")]),
        };
        var digest = DigestComposer.Compose(Subscriber(watchLists: ["leaders"]), stories, WindowEnd)!;

        var group = Assert.Single(digest.Groups);
        Assert.Equal(DigestGroupKind.WatchList, group.Kind);
        Assert.Equal("leaders", group.Name);
        Assert.Equal(1L, Assert.Single(group.Entries).Story.StoryId);
    }

    [Fact]
    public void Ignores_a_watch_list_name_given_as_a_topic()
    {
        var stories = new[] { Story(1, tags: [Watch("leaders", "خوجة")]) };
        Assert.Null(DigestComposer.Compose(Subscriber(topics: ["leaders"]), stories, WindowEnd));
    }

    [Fact]
    public void Removes_muted_sources_from_a_story_and_drops_a_story_only_muted_sources_carried()
    {
        var stories = new[]
        {
            Story(1, sources: [Source("a", 50), Source("muted", 40)]),
            Story(2, sources: [Source("muted", 30)]),
        };
        var digest = DigestComposer.Compose(Subscriber(muted: ["MUTED"]), stories, WindowEnd)!;

        var entry = Assert.Single(digest.Entries);
        Assert.Equal(1L, entry.Story.StoryId);
        Assert.Equal(["a"], entry.Sources.Select(s => s.SourceId));
        Assert.DoesNotContain(entry.AlsoReportedBy, s => s.SourceId == "muted");
    }

    [Fact]
    public void Counts_minimum_sources_after_muting()
    {
        var stories = new[]
        {
            Story(1, sources: [Source("a"), Source("b"), Source("c")]),
            Story(2, sources: [Source("a"), Source("muted")]),
            Story(3, sources: [Source("a")]),
        };
        var digest = DigestComposer.Compose(Subscriber(muted: ["muted"], minSources: 2), stories, WindowEnd)!;

        Assert.Equal([1L], digest.Entries.Select(e => e.Story.StoryId));
    }

    [Fact]
    public void Includes_each_story_once_even_when_the_candidates_repeat_it()
    {
        var older = Story(7, title: "عنوان قديم", updatedMinutesBeforeEnd: 90);
        var newer = Story(7, title: "عنوان محدث", updatedMinutesBeforeEnd: 10);
        var digest = DigestComposer.Compose(Subscriber(), [older, newer], WindowEnd)!;

        Assert.Equal("عنوان محدث", Assert.Single(digest.Entries).Story.Title);
        Assert.Equal(1, digest.StoryCount);
    }

    [Fact]
    public void Leaves_stories_first_seen_after_the_window_end_for_the_next_digest()
    {
        var late = Story(1, sources: [Source("a", minutesBeforeEnd: -5)]);
        Assert.Null(DigestComposer.Compose(Subscriber(), [late], WindowEnd));
    }

    [Fact]
    public void Puts_a_story_under_its_first_wanted_topic_only()
    {
        var story = Story(1, tags: [Topic("economy"), Topic("politics"), Topic("detainees")]);
        var digest = DigestComposer.Compose(Subscriber(topics: ["detainees", "politics"]), [story], WindowEnd)!;

        var group = Assert.Single(digest.Groups);
        Assert.Equal("politics", group.Name);
    }

    [Fact]
    public void Gives_a_subscriber_who_wants_everything_an_other_group_last_for_untagged_stories()
    {
        var stories = new[]
        {
            Story(1),
            Story(2, tags: [Topic("politics", "سياسة")]),
        };
        var digest = DigestComposer.Compose(Subscriber(), stories, WindowEnd)!;

        Assert.Equal([DigestGroupKind.Topic, DigestGroupKind.Other], digest.Groups.Select(g => g.Kind));
        Assert.Equal(1L, digest.Groups[1].Entries.Single().Story.StoryId);
    }

    [Fact]
    public void Orders_stories_by_source_count_then_primary_publisher_then_recency()
    {
        var stories = new[]
        {
            Story(1, sources: [Source("a"), Source("b")], updatedMinutesBeforeEnd: 5),
            Story(2, sources: [Source("a"), Source("b"), Source("c")], updatedMinutesBeforeEnd: 300),
            Story(3, sources: [Source("a"), Source("p", primary: true)], updatedMinutesBeforeEnd: 200),
            Story(4, sources: [Source("a"), Source("b")], updatedMinutesBeforeEnd: 100),
        };
        var digest = DigestComposer.Compose(Subscriber(), stories, WindowEnd)!;

        Assert.Equal([2L, 3L, 1L, 4L], digest.Entries.Select(e => e.Story.StoryId));
        Assert.Equal(2L, digest.TopStory.Story.StoryId);
    }

    [Fact]
    public void Orders_groups_by_their_most_important_story()
    {
        var stories = new[]
        {
            Story(1, tags: [Topic("economy")], sources: [Source("a")]),
            Story(2, tags: [Topic("politics")], sources: [Source("a"), Source("b"), Source("c")]),
            Story(3, tags: [Topic("economy")], sources: [Source("a"), Source("b")]),
        };
        var digest = DigestComposer.Compose(Subscriber(), stories, WindowEnd)!;

        Assert.Equal(["politics", "economy"], digest.Groups.Select(g => g.Name));
        Assert.Equal([3L, 1L], digest.Groups[1].Entries.Select(e => e.Story.StoryId));
    }

    [Fact]
    public void Links_the_title_to_the_primary_publisher_when_it_is_visible()
    {
        var story = Story(1, sources: [Source("a", 90), Source("coalition", 30, primary: true, link: "https://etilaf.example.org/news/1")]);
        var entry = DigestComposer.Compose(Subscriber(), [story], WindowEnd)!.TopStory;

        Assert.Equal("https://etilaf.example.org/news/1", entry.TitleLink);
        Assert.Equal("coalition", entry.LeadSource.SourceId);
        Assert.Equal(["a"], entry.AlsoReportedBy.Select(s => s.SourceId));
    }

    [Fact]
    public void Links_the_title_to_the_first_source_when_the_primary_link_is_not_http()
    {
        var story = Story(1, sources: [Source("a", 90), Source("coalition", 30, primary: true, link: "javascript:alert(1)")]);
        var entry = DigestComposer.Compose(Subscriber(), [story], WindowEnd)!.TopStory;

        Assert.Equal("https://a.example.org/item", entry.TitleLink);
    }

    [Fact]
    public void Totals_count_stories_and_distinct_visible_sources()
    {
        var stories = new[]
        {
            Story(1, sources: [Source("a"), Source("b")]),
            Story(2, sources: [Source("b"), Source("c"), Source("muted")]),
        };
        var digest = DigestComposer.Compose(Subscriber(muted: ["muted"]), stories, WindowEnd)!;

        Assert.Equal(2, digest.StoryCount);
        Assert.Equal(3, digest.SourceCount);
        Assert.Equal(WindowEnd, digest.WindowEnd);
    }
}
