using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.EndToEnd;

/// <summary>
/// The risk: operators edit a watch list while the service runs and either nothing changes until a restart, or a
/// typo in the file takes tagging down. A valid change must apply to the next item; an invalid one must be refused
/// with the last good rules kept.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class TaggingHotReloadTests
{
    private const string NewEntry = "تل الزهور";

    [Fact]
    public async Task A_watch_list_edited_while_running_tags_the_next_item_and_a_broken_edit_is_refused()
    {
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        config.Monitor["Fetch"]!["MinPollInterval"] = "00:00:01";
        config.Monitor["Sources"]!.AsArray().Add(new JsonObject
        {
            ["Id"] = "news", ["Name"] = "أخبار", ["Url"] = feeds.Url("/news.xml").ToString(), ["Interval"] = "00:00:02",
        });
        var site = feeds.Url("/");
        var entries = SeedFeeds.Entries(site);
        feeds.Content("/news.xml", SeedFeeds.Rss("أخبار", site, [entries[4]]));
        config.Write();

        using var service = Process.Start(MonitorProcess.StartInfo(["run", "--verbose", "--config", config.Path]))!;
        var log = service.StandardOutput.ReadToEndAsync();
        var errors = service.StandardError.ReadToEndAsync();
        try
        {
            await WaitForAsync(async () => (await StoriesAsync(config)).Count == 1, "the first item stored", () => StopAsync(service, log, errors));

            // A broken edit: a topic referring to a watch list that does not exist. It is refused; tagging goes on.
            var broken = JsonNode.Parse(await File.ReadAllTextAsync(config.Path))!;
            broken["Monitor"]!["Tagging"]!["Topics"]!.AsArray().Add(new JsonObject { ["Id"] = "x", ["Name"] = "x", ["Any"] = new JsonArray("watch:nonexistent") });
            await File.WriteAllTextAsync(config.Path, broken.ToJsonString());
            await Task.Delay(TimeSpan.FromSeconds(2));

            // A valid edit: a new place in the "places" watch list, then an item that names it.
            config.Monitor["Tagging"]!["WatchLists"]!.AsArray().Single(w => w!["Name"]!.GetValue<string>() == "places")!["Entries"]!
                .AsArray().Add(new JsonObject { ["Name"] = NewEntry });
            config.Write();
            await Task.Delay(TimeSpan.FromSeconds(2));
            var report = entries[0] with
            {
                Title = "قصف على بلدة تل الزهور في ريف حمص", Link = new Uri(site, "/news/waer").ToString(),
                Text = "قال ناشطون إن قوات النظام قصفت بلدة تل الزهور المحاصرة في ريف حمص صباح اليوم بعدة قذائف، ما أدى إلى سقوط جرحى بين المدنيين وتضرر منازل في الحي.",
            };
            feeds.Content("/news.xml", SeedFeeds.Rss("أخبار", site, [entries[4], report]));
            await WaitForAsync(async () => (await StoriesAsync(config)).Count == 2, "the second item stored", () => StopAsync(service, log, errors));

            var stories = await StoriesAsync(config);
            if (stories.Count != 2) Assert.Fail("stories: " + string.Join(" | ", stories.Select(x => x.GetProperty("title").GetString())) + "\n" + await StopAsync(service, log, errors));
            var waer = stories.Single(s => s.GetProperty("title").GetString() == report.Title);
            Assert.Contains(waer.GetProperty("tags").EnumerateArray(), t => t.GetProperty("entry").GetString() == NewEntry);
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
        }
        var output = await log + await errors;
        Assert.Contains("Tagging rules change refused, keeping the last good rules", output);
        Assert.Contains("nonexistent", output);
        Assert.Contains("Tagging rules reloaded", output);
    }

    private static async Task<List<JsonElement>> StoriesAsync(TestConfig config)
    {
        var run = await MonitorProcess.RunAsync(["stories", "--json", "--config", config.Path]);
        return run.ExitCode == 0 ? JsonDocument.Parse(run.StdOut).RootElement.EnumerateArray().ToList() : [];
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, Func<Task<string>> diagnostics)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(500);
        }
        Assert.Fail($"timed out waiting for {what}; service log:\n{await diagnostics()}");
    }

    private static async Task<string> StopAsync(Process service, Task<string> log, Task<string> errors)
    {
        if (!service.HasExited) service.Kill(entireProcessTree: true);
        await service.WaitForExitAsync();
        return await log + await errors;
    }
}
