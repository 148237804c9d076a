using System.Net;
using AngleSharp.Html.Parser;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Tests.Web;

/// <summary>
/// Risk guarded: feed text running as script in the operators' browser (the classic XSS vectors in a title, a text
/// and a link), a search that misses Arabic spelled another way, and a bad tagging edit half-saved into the file.
/// </summary>
[Collection(AdminHostCollection.Name)]
public sealed class AdminPagesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private AdminHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await AdminHost.StartAsync(c => c.AddSource("hostile", "<b onmouseover=alert(1)>Hostile</b>", new Uri("http://127.0.0.1:9/feed")));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task SaveStoryAsync(string title, string text, string? link)
    {
        await _host.Store.SaveItemAsync(new NewItem
        {
            SourceId = "hostile", Guid = Guid.NewGuid().ToString(), Link = link, Title = title, Text = text,
            Published = Now, FetchedAt = Now, ContentHash = Guid.NewGuid().ToString("N"),
        }, new StoryAssignment
        {
            Tags = [new TagRecord("watch", "people", "<script>alert('tag')</script>", ["<img src=x onerror=alert(2)>"], 1)],
        }, default);
    }

    [Fact]
    public async Task Classic_xss_vectors_in_stories_render_inert()
    {
        await SaveStoryAsync("<script>alert(1)</script>\"><svg onload=alert(1)>", "<img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">x</a> '\"><iframe src=javascript:alert(1)>", "javascript:alert(1)");
        await SaveStoryAsync("عنوان <svg/onload=alert(1)>", "نص", "JaVaScRiPt:alert(document.cookie)");
        using var client = await _host.SignedInClientAsync();

        var html = await client.GetStringAsync("/admin/stories");
        var document = new HtmlParser().ParseDocument(html);

        Assert.Equal(2, document.QuerySelectorAll("article.story").Length);
        Assert.Empty(document.QuerySelectorAll("script, svg, iframe, img"));
        var handlers = document.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Empty(handlers);
        var scriptLinks = document.QuerySelectorAll("[href], [src], [action]")
            .SelectMany(e => new[] { e.GetAttribute("href"), e.GetAttribute("src"), e.GetAttribute("action") })
            .Where(v => v is not null && v.Trim().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Empty(scriptLinks);
        Assert.Contains("<script>alert(1)</script>", document.QuerySelector("article.story h2")!.TextContent + document.QuerySelectorAll("article.story h2")[1].TextContent);

        var sources = new HtmlParser().ParseDocument(await client.GetStringAsync("/admin/sources"));
        Assert.DoesNotContain(sources.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(sources.QuerySelectorAll("b"));
    }

    [Fact]
    public async Task Search_matches_arabic_written_with_other_alef_and_ta_marbuta_forms()
    {
        await SaveStoryAsync("الائتلاف يدين القصف على إدلب", "أدان الائتلاف الوطني قصف المدينة.", "https://example.org/a");
        await SaveStoryAsync("اجتماع في جنيف", "عقد الوفد اجتماعاً.", "https://example.org/b");
        using var client = await _host.SignedInClientAsync();

        var html = await client.GetStringAsync("/admin/stories?q=" + Uri.EscapeDataString("ادلب"));
        var byTaMarbuta = await client.GetStringAsync("/admin/stories?q=" + Uri.EscapeDataString("المدينه"));
        var document = new HtmlParser().ParseDocument(html);

        Assert.Single(document.QuerySelectorAll("article.story"));
        Assert.Contains("إدلب", document.QuerySelector("article.story h2")!.TextContent);
        Assert.Single(new HtmlParser().ParseDocument(byTaMarbuta).QuerySelectorAll("article.story"));
    }

    [Fact]
    public async Task An_invalid_tagging_edit_shows_the_errors_and_leaves_the_file_untouched()
    {
        var before = await File.ReadAllTextAsync(_host.Config.Path);
        using var client = await _host.SignedInClientAsync();
        var token = await AdminHost.CsrfTokenAsync(client, "/admin/tagging");

        var broken = await client.PostAsync("/admin/tagging/save", new FormUrlEncodedContent(
            [new("__csrf", token), new("part", "WatchLists"), new("index", "0"), new("json", "{\"Name\": \"people\", \"Kind\": \"planet\", \"Entries\": [{\"Name\": \"\"}]}")]));
        var notJson = await client.PostAsync("/admin/tagging/save", new FormUrlEncodedContent(
            [new("__csrf", token), new("part", "Topics"), new("index", "0"), new("json", "{ not json")]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        var errors = new HtmlParser().ParseDocument(await broken.Content.ReadAsStringAsync()).QuerySelector("#errors")!.TextContent;
        Assert.Contains("planet", errors);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notJson.StatusCode);
        Assert.Contains("not valid JSON", await notJson.Content.ReadAsStringAsync());
        Assert.Equal(before, await File.ReadAllTextAsync(_host.Config.Path));
    }

    [Fact]
    public async Task An_invalid_source_gets_a_message_next_to_each_bad_field_and_nothing_is_saved()
    {
        using var client = await _host.SignedInClientAsync();
        var token = await AdminHost.CsrfTokenAsync(client, "/admin/sources/new");

        var response = await client.PostAsync("/admin/sources/save", new FormUrlEncodedContent(
        [
            new("__csrf", token), new("isNew", "true"), new("id", "Bad Id"), new("name", ""), new("url", "ftp://example.org/feed"),
            new("type", "feed"), new("interval", "0"), new("timeZone", "Mars/Olympus"), new("enabled", "on"),
        ]));
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        foreach (var field in new[] { "id", "name", "url", "interval", "timeZone" })
            Assert.NotNull(document.QuerySelector($"#error-{field}"));
        Assert.Single(await _host.Store.ListSourcesAsync(default));
    }

    [Fact]
    public async Task A_web_added_source_on_a_private_address_is_refused_when_the_guard_is_on()
    {
        await _host.DisposeAsync();
        _host = await AdminHost.StartAsync(c => c.Monitor["Web"]!["AllowPrivateSourceAddresses"] = false);
        using var client = await _host.SignedInClientAsync();
        var token = await AdminHost.CsrfTokenAsync(client, "/admin/sources/new");

        var response = await client.PostAsync("/admin/sources/save", new FormUrlEncodedContent(
        [
            new("__csrf", token), new("isNew", "true"), new("id", "internal"), new("name", "Internal"), new("url", "http://127.0.0.1:8080/feed"),
            new("type", "feed"), new("interval", "15"), new("timeZone", "UTC"), new("enabled", "on"),
        ]));
        var test = await client.PostAsync("/admin/sources/test", new FormUrlEncodedContent([new("__csrf", token), new("url", "http://127.0.0.1:9/feed")]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("SSRF", new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("#error-url")!.TextContent);
        Assert.Empty(await _host.Store.ListSourcesAsync(default));
        Assert.Contains("loopback", await test.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
