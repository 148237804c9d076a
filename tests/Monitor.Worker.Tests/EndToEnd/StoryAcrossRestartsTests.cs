using System.Text.Json;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.EndToEnd;

/// <summary>
/// The risk: the near-duplicate index only lives in one process, so a statement republished after a restart becomes a
/// second story and the subscriber reads it twice. Here the coalition publishes in one run, an outlet republishes it
/// (own headline and intro, hamzas dropped, an "اقرأ أيضا" line) in the next run, and the digest shows one story with
/// the outlet under "also reported by".
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class StoryAcrossRestartsTests
{
    [Fact]
    public async Task A_statement_republished_after_a_restart_joins_its_story_and_is_mailed_once_with_its_sources()
    {
        await using var feeds = await FeedServer.StartAsync();
        await using var smtp = await SmtpServer.StartAsync();
        using var config = new TestConfig();
        var statement = SeedFeeds.Entries(feeds.Url("/"))[4];
        var site = feeds.Url("/");
        feeds.Content("/etilaf.xml", SeedFeeds.Rss("الائتلاف الوطني السوري", site, [statement]));
        feeds.Content("/news.xml", SeedFeeds.Rss("أخبار سوريا", site, []));
        config.AddSource("etilaf", "الائتلاف الوطني السوري", feeds.Url("/etilaf.xml"), primary: true)
            .AddSource("news", "أخبار سوريا", feeds.Url("/news.xml"))
            .UseSmtp(smtp.Port).Write();

        var first = await MonitorProcess.RunAsync(["once", "--config", config.Path]);
        Assert.True(first.ExitCode == 0, first.ToString());

        // The next run: an outlet republishes the statement, and a subscriber has been added meanwhile.
        var republished = statement with
        {
            Title = "عاجل: الائتلاف يدين خروقات النظام لوقف اطلاق النار في درعا",
            Link = new Uri(site, "/news/republished-daraa").ToString(),
            Published = statement.Published.AddHours(2),
            Text = "قال الائتلاف الوطني السوري في بيان صدر اليوم وتلقت الصحيفة نسخة منه:\n"
                + statement.Text.Replace('أ', 'ا').Replace('إ', 'ا')
                + "\nاقرأ أيضا: مقتل مدنيين في قصف على ريف ادلب",
        };
        feeds.Content("/news.xml", SeedFeeds.Rss("أخبار سوريا", site, [republished]));
        config.AddSubscriber("analyst@example.org", "محللة").Write();

        var second = await MonitorProcess.RunAsync(["once", "--config", config.Path]);
        Assert.True(second.ExitCode == 0, second.ToString());

        var stories = JsonDocument.Parse((await MonitorProcess.RunAsync(["stories", "--json", "--config", config.Path])).StdOut).RootElement;
        var story = Assert.Single(stories.EnumerateArray());
        var items = story.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["etilaf", "news"], items.Select(i => i.GetProperty("source").GetString()));
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("joined").ValueKind);
        var joined = items[1].GetProperty("joined");
        Assert.Contains(joined.GetProperty("kind").GetString(), new[] { "near-duplicate", "contained" });
        Assert.True(joined.GetProperty("similarity").GetDouble() > 0.4);
        Assert.Equal(statement.Title, story.GetProperty("title").GetString());

        var mail = await MimeInspector.InspectAsync(Assert.Single(smtp.ReadMessages()));
        var text = mail.Leaves[0].Text!;
        Assert.Contains(statement.Title, text);
        Assert.DoesNotContain(republished.Title, text);
        Assert.Contains(republished.Link, text);
        Assert.Contains("أخبار سوريا", text);
    }
}
