using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.EndToEnd;

/// <summary>
/// The risk: the coalition's statement pages have no feed, or a source URL points at a site's home page rather than
/// its feed, and the service silently reads nothing.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PagesWithoutFeedsTests
{
    [Fact]
    public async Task An_html_source_is_read_with_its_css_selectors()
    {
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        var entries = SeedFeeds.Entries(feeds.Url("/")).Where(e => e.Seed is 3 or 4).ToList();
        var page = "<html><body><main>" + string.Concat(entries.Select(e =>
            $"<article class=\"statement\"><h2><a href=\"/news/{e.Seed}\">{WebUtility.HtmlEncode(e.Title)}</a></h2>" +
            $"<time>{e.Published:yyyy-MM-dd HH:mm}</time><div class=\"body\">{WebUtility.HtmlEncode(e.Text)}</div></article>")) + "</main></body></html>";
        feeds.Content("/statements", page, "text/html; charset=utf-8");
        var selectors = new JsonObject { ["Item"] = "article.statement", ["Title"] = "h2", ["Link"] = "h2 a", ["Date"] = "time", ["Summary"] = "div.body" };
        config.AddSource("etilaf", "الائتلاف", feeds.Url("/statements"), primary: true, type: "html", selectors: selectors).Write();

        var run = await MonitorProcess.RunAsync(["once", "--config", config.Path]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var stories = JsonDocument.Parse((await MonitorProcess.RunAsync(["stories", "--json", "--config", config.Path])).StdOut).RootElement;
        var links = stories.EnumerateArray().SelectMany(s => s.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("link").GetString()!).ToHashSet();
        Assert.Equal(entries.Select(e => e.Link).ToHashSet(), links);
    }

    [Fact]
    public async Task A_home_page_that_names_its_feed_is_followed_to_the_feed()
    {
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        var entries = SeedFeeds.Entries(feeds.Url("/")).Where(e => e.Seed == 4).ToList();
        feeds.Content("/", "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed/\"></head><body>الرئيسية</body></html>", "text/html; charset=utf-8");
        feeds.Content("/feed/", SeedFeeds.Rss("الائتلاف", feeds.Url("/"), entries));
        config.AddSource("etilaf", "الائتلاف", feeds.Url("/"), primary: true).Write();

        var run = await MonitorProcess.RunAsync(["once", "--config", config.Path]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("source etilaf: 1 new", run.StdOut);
        Assert.Equal(1, feeds.RequestCount("/feed/"));
    }
}
