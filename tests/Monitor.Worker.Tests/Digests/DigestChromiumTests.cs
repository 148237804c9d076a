using Microsoft.Playwright;
using Monitor.Core.Digests;
using Monitor.Worker.Tests.Support;
using Xunit.Abstractions;

namespace Monitor.Worker.Tests.Digests;

/// <summary>
/// Risk guarded: a digest that is correct as markup but reads left-to-right, or overflows sideways, on a phone.
/// The rendered HTML is opened in real headless Chromium at 375px and screenshotted into the test output.
/// </summary>
public class DigestChromiumTests(ITestOutputHelper output)
{
    private const int PhoneWidth = 375;

    [Fact]
    public async Task Arabic_digest_reads_right_to_left_and_fits_a_375px_phone()
    {
        var stories = DigestSample.Stories();
        var digest = DigestComposer.Compose(DigestSample.Subscriber(), stories, DigestSample.WindowEnd);
        Assert.NotNull(digest);
        var rendered = DigestRenderer.Render(digest, new DigestRenderContext(
            "https://monitor.example.org/unsubscribe?token=" + new string('A', 160), "https://monitor.example.org/manage", "رصد الائتلاف"));

        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        var htmlPath = Path.Combine(folder, "digest-ar-375.html");
        await File.WriteAllTextAsync(htmlPath, rendered.Html);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await ChromiumBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 800 } });
        // The digest must be self-contained: record and refuse anything but the file itself.
        var remoteRequests = new List<string>();
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal)) { await route.ContinueAsync(); return; }
            remoteRequests.Add(route.Request.Url);
            await route.AbortAsync();
        });
        await page.GotoAsync(new Uri(htmlPath).AbsoluteUri);

        var screenshot = Path.Combine(folder, "digest-ar-375.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine("screenshot: " + screenshot);

        Assert.Equal("rtl", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).direction"));
        Assert.Equal("rtl", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('table.digest')).direction"));
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        output.WriteLine($"scrollWidth: {scrollWidth}");
        Assert.True(scrollWidth <= PhoneWidth, $"the page is {scrollWidth}px wide on a {PhoneWidth}px viewport");
        Assert.Empty(remoteRequests);

        var titles = page.Locator(".story-title");
        Assert.Equal(stories.Count, await titles.CountAsync());
        var expected = digest.Entries.Select(e => DigestText.OneLine(e.Story.Title)).ToList();
        for (var i = 0; i < expected.Count; i++)
        {
            var title = titles.Nth(i);
            Assert.Equal(expected[i], (await title.InnerTextAsync()).Trim());
            var box = await title.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Width > 100 && box.Height > 10, $"title {i} is not laid out: {box.Width}x{box.Height}");
            Assert.True(box.X >= 0 && box.X + box.Width <= PhoneWidth, $"title {i} spills out: x={box.X}, width={box.Width}");
        }

        // Rendered with real Arabic glyphs (not missing-glyph boxes): ask Chromium which fonts drew the first title.
        var fonts = await FontsUsedForAsync(page, ".story-title a");
        output.WriteLine("title fonts: " + string.Join(", ", fonts.Select(f => $"{f.Family} ({f.Glyphs} glyphs)")));
        Assert.Contains(fonts, f => f.Glyphs > 10);

        // Right-to-left for real: the first line of an Arabic title starts at the right edge of its cell.
        var edges = await page.EvaluateAsync<double[]>(@"() => {
            const title = document.querySelector('.story-title');
            const range = document.createRange();
            range.selectNodeContents(title);
            const first = range.getClientRects()[0];
            const cell = title.closest('td').getBoundingClientRect();
            return [first.right, cell.right - parseFloat(getComputedStyle(title.closest('td')).paddingRight)];
        }");
        Assert.True(Math.Abs(edges[0] - edges[1]) < 2, $"first title line ends at {edges[0]}, the cell's content edge is {edges[1]}");
    }

    /// <summary>The platform fonts Chromium used for an element's text, with how many glyphs each drew (DevTools protocol).</summary>
    private static async Task<List<(string Family, int Glyphs)>> FontsUsedForAsync(IPage page, string selector)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("DOM.enable");
        await cdp.SendAsync("CSS.enable");
        var document = await cdp.SendAsync("DOM.getDocument");
        var root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
        var found = await cdp.SendAsync("DOM.querySelector", new Dictionary<string, object> { ["nodeId"] = root, ["selector"] = selector });
        var nodeId = found!.Value.GetProperty("nodeId").GetInt32();
        var result = await cdp.SendAsync("CSS.getPlatformFontsForNode", new Dictionary<string, object> { ["nodeId"] = nodeId });
        return result!.Value.GetProperty("fonts").EnumerateArray()
            .Select(f => (f.GetProperty("familyName").GetString() ?? "", f.GetProperty("glyphCount").GetInt32()))
            .ToList();
    }
}
