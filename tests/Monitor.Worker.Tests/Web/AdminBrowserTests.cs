using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Monitor.Worker.Storage;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Web;

/// <summary>
/// Risk guarded: pages that pass HTTP tests but do not work for an operator in a real browser — the sign-in, the forms
/// with their antiforgery fields, the language switch, the sandboxed digest preview, and the unsubscribe link of a
/// received email. Debian's Chromium through Playwright, one browser for the class, screenshots in
/// TestResults/screenshots/.
/// </summary>
[Collection(AdminHostCollection.Name)]
public sealed class AdminBrowserTests : IAsyncLifetime
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
    private FeedServer _feeds = null!;
    private SmtpServer _smtp = null!;
    private AdminHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        Assertions.SetDefaultExpectTimeout(30_000);
        _feeds = await FeedServer.StartAsync();
        _feeds.Content("/seeds.xml", SeedFeeds.Rss("بيانات الائتلاف", _feeds.Url("/"), SeedFeeds.Entries(_feeds.Url("/"))));
        _smtp = await SmtpServer.StartAsync();
        _host = await AdminHost.StartAsync(c => c.UseSmtp(_smtp.Port));
        _playwright = await Playwright.CreateAsync();
        _browser = await ChromiumBrowser.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
        await _feeds.DisposeAsync();
    }

    /// <summary>A fresh browser context signed in through the login page, reading the pages in English.</summary>
    private async Task<IPage> SignInAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _host.BaseUrl.ToString(), Locale = "en-GB" });
        // A shared 2-core machine: generous waits, never a fixed sleep.
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/sources");
        Assert.EndsWith("/admin/login?ReturnUrl=%2Fadmin%2Fsources", page.Url);
        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
        await page.FillAsync("#password", AdminHost.Token);
        await page.ClickAsync("#login");
        // The URL is polled, then the page's own content: no load-state wait. Waiting for the "load" event once timed
        // out with the page there and the network idle (CI, a loaded machine), and WaitForURL with WaitUntil=Commit
        // waits for a load state too when the navigation has already finished, and timed out the same way.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/sources$"));
        await Assertions.Expect(page.Locator("#lang-switch")).ToBeVisibleAsync();
        await page.ClickAsync("#lang-switch");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
        return page;
    }

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    private async Task SaveStoryAsync(string title, string text)
    {
        var now = DateTimeOffset.UtcNow;
        await _host.Store.SaveItemAsync(new NewItem
        {
            SourceId = "manual", Guid = Guid.NewGuid().ToString(), Link = "https://example.org/" + Guid.NewGuid().ToString("N"),
            Title = title, Text = text, Published = now, FetchedAt = now, ContentHash = Guid.NewGuid().ToString("N"),
        }, new StoryAssignment(), default);
    }

    [Fact]
    public async Task Operator_adds_a_source_polls_it_and_sees_its_health()
    {
        var page = await SignInAsync();
        await page.ClickAsync("#add-source");
        await page.FillAsync("#id", "seeds");
        await page.FillAsync("#name", "بيانات الائتلاف");
        await page.FillAsync("#url", _feeds.Url("/seeds.xml").ToString());
        await page.FillAsync("#interval", "30");
        await page.ClickAsync("#save-source");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Source seeds saved");
        Assert.Equal("—", (await page.InnerTextAsync("#source-seeds .last-success")).Trim());

        await page.Locator("#source-seeds button", new PageLocatorOptions { HasText = "Poll now" }).ClickAsync();

        // The scheduler may have polled the new source first (it syncs every minute): either way the five are stored once.
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("seeds:");
        Assert.DoesNotContain("failed", await page.InnerTextAsync("#notice"));
        Assert.Equal(5, await _host.Store.CountItemsAsync(default));
        await Assertions.Expect(page.Locator("#source-seeds .state")).ToHaveTextAsync("ok");
        Assert.Equal("0", await page.InnerTextAsync("#source-seeds .failures"));
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d UTC$", (await page.InnerTextAsync("#source-seeds .last-success")).Trim());
        Assert.NotEqual("—", (await page.InnerTextAsync("#source-seeds .per-day")).Trim());
        await ShotAsync(page, "admin-sources-after-poll");
        Assert.InRange(_feeds.RequestCount("/seeds.xml"), 1, 2);
    }

    [Fact]
    public async Task Editing_a_watch_list_then_retagging_shows_the_new_tag_on_a_stored_story()
    {
        await _host.Store.UpsertSourcesAsync([new SourceRecord { Id = "manual", Name = "يدوي", Url = "https://example.org/feed", Interval = TimeSpan.FromHours(1), Enabled = false }], default);
        await SaveStoryAsync("المبعوث يزور قرطبة", "وصل المبعوث الخاص إلى مدينة قرطبة صباح اليوم في زيارة رسمية.");
        var page = await SignInAsync();
        await page.GotoAsync("/admin/stories");
        Assert.DoesNotContain("قرطبة", await page.InnerTextAsync(".tags"));

        await page.GotoAsync("/admin/tagging");
        await page.Locator("details", new PageLocatorOptions { Has = page.Locator("#watchlists-0") }).Locator("summary").ClickAsync();
        var list = JsonNode.Parse(await page.InputValueAsync("#watchlists-0"))!.AsObject();
        list["Entries"]!.AsArray().Add(new JsonObject { ["Name"] = "قرطبة" });
        await page.FillAsync("#watchlists-0", list.ToJsonString());
        await page.ClickAsync("#save-watchlists-0");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Saved and in force");

        await page.FillAsync("#try-text", "قال مصدر في قرطبة إن الزيارة انتهت");
        await page.ClickAsync("#try");
        await Assertions.Expect(page.Locator("#try-result")).ToContainTextAsync("قرطبة");

        await page.Locator("button", new PageLocatorOptions { HasText = "Re-tag stored stories" }).ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Re-tagged");
        await page.GotoAsync("/admin/stories?q=" + Uri.EscapeDataString("قرطبه"));
        var story = page.Locator("article.story");
        await Assertions.Expect(story).ToHaveCountAsync(1);
        await Assertions.Expect(story.Locator(".tag-why")).ToContainTextAsync("قرطبة");
        await ShotAsync(page, "admin-story-retagged");
        Assert.Contains("قرطبة", await File.ReadAllTextAsync(_host.Config.Path));
    }

    [Fact]
    public async Task Operator_adds_a_subscriber_previews_the_digest_and_the_emailed_link_unsubscribes()
    {
        await _host.Store.UpsertSourcesAsync([new SourceRecord { Id = "manual", Name = "يدوي", Url = "https://example.org/feed", Interval = TimeSpan.FromHours(1), Enabled = false }], default);
        // The catch-up after start would otherwise send the new subscriber this story before the preview shows it.
        await _host.WaitForStartupCatchUpAsync();
        await SaveStoryAsync("الائتلاف يرحب بقرار مجلس الأمن", "رحب الائتلاف الوطني السوري بقرار مجلس الأمن الأخير بشأن المساعدات الإنسانية.");
        var page = await SignInAsync();
        await page.GotoAsync("/admin/subscribers");
        await page.ClickAsync("#add-subscriber");
        await page.FillAsync("#email", "reader@example.org");
        await page.FillAsync("#name", "قارئ");
        await page.FillAsync("#frequency", "every day");
        await page.ClickAsync("#save-subscriber");
        await Assertions.Expect(page.Locator("#error-frequency")).ToBeVisibleAsync();
        await page.FillAsync("#frequency", "daily 08:00");
        await page.ClickAsync("#save-subscriber");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("reader@example.org saved");

        await page.ClickAsync("text=Preview digest");
        var frame = page.Locator("#digest-preview");
        Assert.Equal("", await frame.GetAttributeAsync("sandbox"));
        await Assertions.Expect(page.FrameLocator("#digest-preview").Locator("body")).ToContainTextAsync("مجلس الأمن");
        await ShotAsync(page, "admin-digest-preview");

        await page.GotoAsync("/admin/subscribers");
        await page.Locator("tr.subscriber button", new PageLocatorOptions { HasText = "Send test email" }).ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Test email sent");
        var delivery = Assert.Single(_smtp.ReadDeliveries());
        var mail = await MimeInspector.InspectAsync(delivery.Bytes);
        var link = Regex.Match(mail.ListUnsubscribe!, "<(http[^>]+)>").Groups[1].Value;
        Assert.StartsWith(_host.BaseUrl.ToString().TrimEnd('/') + "/unsubscribe?token=", link);

        var reader = await _browser.NewPageAsync();
        await reader.GotoAsync(link);
        await reader.ClickAsync("button[type=submit]");
        await Assertions.Expect(reader.Locator("body")).ToContainTextAsync("You are unsubscribed");
        await ShotAsync(reader, "unsubscribe-done");
        Assert.False((await _host.Store.GetSubscriberAsync("reader@example.org", default))!.Active);
    }
}
