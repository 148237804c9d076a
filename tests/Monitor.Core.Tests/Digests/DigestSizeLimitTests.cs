using AngleSharp.Html.Parser;
using Monitor.Core.Digests;
using static Monitor.Core.Tests.Digests.DigestTestData;

namespace Monitor.Core.Tests.Digests;

/// <summary>Risk guarded: a busy day, or a new subscriber's first digest over a full history, becoming one message of
/// thousands of stories that nobody reads and mail servers refuse.</summary>
public class DigestSizeLimitTests
{
    /// <summary>Story n carried by n sources: the more sources, the more important.</summary>
    private static DigestStory[] StoriesWithSourceCounts(params int[] counts) =>
        counts.Select(n => Story(n, sources: Enumerable.Range(0, n).Select(i => Source($"s{n}-{i}", minutesBeforeEnd: 60 + i)).ToArray()))
            .ToArray();

    [Fact]
    public void Lists_only_the_most_important_stories_and_names_the_rest_as_omitted()
    {
        var digest = DigestComposer.Compose(Subscriber(), StoriesWithSourceCounts(1, 4, 2, 5, 3), WindowEnd, maxStories: 3)!;

        Assert.Equal([3L, 4L, 5L], digest.Entries.Select(e => e.Story.StoryId).Order());
        Assert.Equal(3, digest.StoryCount);
        Assert.Equal([1L, 2L], digest.OmittedStoryIds!.Order());
        Assert.Equal(2, digest.OmittedCount);
        Assert.Equal(5L, digest.TopStory.Story.StoryId);
    }

    [Fact]
    public void Each_listed_story_carries_the_excerpt_of_its_own_text_after_the_cut()
    {
        // Excerpts are made only for the stories listed (a first digest has far more candidates than it lists): each
        // listed entry must still get its own story's excerpt, the top story too.
        var stories = StoriesWithSourceCounts(1, 4, 2, 5, 3)
            .Select(s => s with { Text = "نص البيان رقم " + s.StoryId + " حول الوضع الإنساني في الشمال." }).ToArray();
        var digest = DigestComposer.Compose(Subscriber(), stories, WindowEnd, maxStories: 3)!;

        Assert.All(digest.Entries, e => Assert.Equal(DigestText.Excerpt(e.Story.Title, e.Story.Text), e.Excerpt));
        Assert.All(digest.Entries, e => Assert.Contains("رقم " + e.Story.StoryId + " ", e.Excerpt));
        Assert.Contains("رقم 5 ", digest.TopStory.Excerpt);
    }

    [Fact]
    public void A_window_within_the_limit_omits_nothing()
    {
        var digest = DigestComposer.Compose(Subscriber(), StoriesWithSourceCounts(1, 2, 3), WindowEnd, maxStories: 3)!;

        Assert.Equal(3, digest.StoryCount);
        Assert.Equal(0, digest.OmittedCount);
        Assert.DoesNotContain("لم تُدرج", DigestRenderer.Render(digest, Context()).Text);
    }

    [Fact]
    public void Stories_the_subscription_does_not_want_are_neither_listed_nor_counted_as_omitted()
    {
        var stories = StoriesWithSourceCounts(1, 2, 3).Select(s => s with { Tags = [Topic("politics")] })
            .Append(Story(9, tags: [Topic("economy")])).ToArray();

        var digest = DigestComposer.Compose(Subscriber(topics: ["politics"]), stories, WindowEnd, maxStories: 2)!;

        Assert.Equal([2L, 3L], digest.Entries.Select(e => e.Story.StoryId).Order());
        Assert.Equal([1L], digest.OmittedStoryIds!);
    }

    [Fact]
    public void The_text_and_html_parts_say_how_many_stories_were_left_out()
    {
        var digest = DigestComposer.Compose(Subscriber(), StoriesWithSourceCounts(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14), WindowEnd, maxStories: 2)!;
        var rendered = DigestRenderer.Render(digest, Context());

        var line = "لم تُدرج في هذه الرسالة 12 خبراً أقلّ تداولاً.";
        Assert.Contains(line, rendered.Text);
        var doc = new HtmlParser().ParseDocument(rendered.Html);
        Assert.Equal(line, doc.QuerySelector("td.omitted")!.TextContent.Trim());
        Assert.Equal(2, doc.QuerySelectorAll("td.story").Length);
    }

    [Fact]
    public void A_limit_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DigestComposer.Compose(Subscriber(), StoriesWithSourceCounts(1), WindowEnd, maxStories: 0));
    }
}
