using System.Text.Json;
using Monitor.Tests.Support;
using Monitor.Worker.Tests.EndToEnd;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Cli;

/// <summary>
/// The risk: the operators' commands drift from what the issues promise their scripts (JSON field names, exit codes),
/// or crash on bad input instead of saying what is wrong.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CommandOutputTests
{
    [Fact]
    public async Task Analyze_json_shows_tokens_with_stems_and_the_topics_and_watch_entries_that_fired()
    {
        var daraa = TestPaths.SeedTexts()[4];
        var run = await MonitorProcess.RunAsync(["analyze", "--json", "--config", ShippedConfig], stdin: daraa);

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = JsonDocument.Parse(run.StdOut).RootElement;
        Assert.False(string.IsNullOrEmpty(report.GetProperty("normalized").GetString()));
        var token = report.GetProperty("tokens").EnumerateArray().First(t => t.GetProperty("text").GetString() == "الائتلاف");
        Assert.Equal("الائتلاف", token.GetProperty("normalized").GetString());
        Assert.Equal("ائتلاف", token.GetProperty("stem").GetString());
        var topics = report.GetProperty("topics").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        Assert.Contains("ceasefire-violations", topics.Keys);
        Assert.Contains("daraa", topics.Keys);
        Assert.Contains(topics["daraa"].GetProperty("matched").EnumerateArray(), m => m.GetString()!.Contains("درعا"));
        Assert.Contains(report.GetProperty("watch").EnumerateArray(), w => w.GetProperty("list").GetString() == "places" && w.GetProperty("matched").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Feed_test_json_reports_title_format_and_items_of_a_feed_file()
    {
        using var folder = new TestConfig();
        var file = Path.Combine(folder.Folder, "feed.xml");
        var entries = SeedFeeds.Entries(new Uri("https://example.org/"));
        await File.WriteAllTextAsync(file, SeedFeeds.Atom("أخبار", new Uri("https://example.org/"), entries.Take(2)));

        var run = await MonitorProcess.RunAsync(["feed", "test", file, "--json", "--config", ShippedConfig]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var feed = JsonDocument.Parse(run.StdOut).RootElement;
        Assert.Equal("أخبار", feed.GetProperty("title").GetString());
        Assert.Equal("atom10", feed.GetProperty("format").GetString());
        Assert.Equal(0, feed.GetProperty("warnings").GetArrayLength());
        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(entries[0].Title, items[0].GetProperty("title").GetString());
        Assert.Equal(entries[0].Link, items[0].GetProperty("link").GetString());
        Assert.Equal("2026-11-21T06:00:00Z", items[0].GetProperty("published").GetString());
        Assert.StartsWith("جاء ذلك في مؤتمر صحافي", items[0].GetProperty("text").GetString());
        Assert.False(string.IsNullOrEmpty(items[0].GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("this is not a feed at all")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]><rss><channel><title>&b;</title></channel></rss>")]
    public async Task Feed_test_on_bad_input_says_why_and_exits_2(string content)
    {
        using var folder = new TestConfig();
        var file = Path.Combine(folder.Folder, "bad.xml");
        await File.WriteAllTextAsync(file, content);

        var run = await MonitorProcess.RunAsync(["feed", "test", file, "--config", ShippedConfig]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.StdErr.Trim());
        Assert.DoesNotContain("Exception", run.StdErr);
    }

    [Fact]
    public async Task Feed_test_on_a_missing_file_or_unreachable_url_exits_2()
    {
        var missing = await MonitorProcess.RunAsync(["feed", "test", "/nonexistent/feed.xml", "--config", ShippedConfig]);
        var unreachable = await MonitorProcess.RunAsync(["feed", "test", "http://127.0.0.1:9/feed", "--config", ShippedConfig]);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such file", missing.StdErr);
        Assert.Equal(2, unreachable.ExitCode);
        Assert.Contains("127.0.0.1", unreachable.StdErr);
    }

    [Fact]
    public async Task Digest_preview_renders_without_sending_and_writes_the_html_file()
    {
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        var entries = SeedFeeds.Entries(feeds.Url("/"));
        feeds.Content("/etilaf.xml", SeedFeeds.Rss("الائتلاف", feeds.Url("/"), entries.Where(e => e.Seed == 3)));
        config.AddSource("etilaf", "الائتلاف", feeds.Url("/etilaf.xml"), primary: true).Write();
        Assert.Equal(0, (await MonitorProcess.RunAsync(["once", "--config", config.Path])).ExitCode);
        Assert.Equal(0, (await MonitorProcess.RunAsync(["subscribers", "add", "reader@example.org", "--name", "قارئ", "--topic", "chemical-weapons", "--config", config.Path])).ExitCode);

        var html = Path.Combine(config.Folder, "preview.html");
        var preview = await MonitorProcess.RunAsync(["digest", "preview", "--subscriber", "reader@example.org", "--html", html, "--config", config.Path]);

        Assert.True(preview.ExitCode == 0, preview.ToString());
        Assert.Contains(entries[3].Title, preview.StdOut);
        Assert.Contains("dir=\"rtl\"", await File.ReadAllTextAsync(html));
        var outbox = JsonDocument.Parse((await MonitorProcess.RunAsync(["outbox", "list", "--json", "--config", config.Path])).StdOut).RootElement;
        Assert.Equal(0, outbox.GetArrayLength());
    }

    [Fact]
    public async Task Subscribers_add_refuses_bad_input_field_by_field()
    {
        using var config = new TestConfig();
        config.Write();

        var run = await MonitorProcess.RunAsync(["subscribers", "add", "not-an-address", "--frequency", "fortnightly", "--language", "fr", "--config", config.Path]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Email:", run.StdErr);
        Assert.Contains("Language:", run.StdErr);
        Assert.Contains("Frequency:", run.StdErr);
    }

    private static string ShippedConfig => Path.Combine(TestPaths.RepoRoot, "appsettings.json");
}
