using System.Net;
using AngleSharp.Html.Parser;
using Monitor.Worker.Tests.Support;
using Xunit.Abstractions;

namespace Monitor.Worker.Tests.Faults;

/// <summary>
/// The risk: a feed is an attacker's input. Through the whole service it must not expand entities or read files (XXE),
/// put script into a subscriber's mail (XSS), add headers to a message (CR/LF in a title or a name), nor make the
/// worker fetch loopback addresses when the SSRF guard is on.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "Fault")]
public sealed class SecurityFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_feed_with_an_internal_subset_doctype_is_refused_as_forbidden_and_nothing_is_expanded()
    {
        FaultLedger.Tried();
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        var good = FaultFeeds.Many(feeds.Url("/"), "good", 2, DateTimeOffset.UtcNow);
        feeds.Content("/good.xml", FaultFeeds.Rss("good", good));
        feeds.Content("/xxe.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "lollollollollollollollollol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <rss version="2.0"><channel><title>x</title><item><title>&xxe;&b;</title><link>http://evil.example/1</link><description>&xxe;</description></item></channel></rss>
            """);
        config.AddSource("good", "good", feeds.Url("/good.xml")).AddSource("xxe", "xxe", feeds.Url("/xxe.xml"))
            .AddSubscriber("reader@example.org", "قارئ", "immediate").Write();

        var run = await FaultWorld.OnceAsync(config);
        var sources = await FaultWorld.SourcesAsync(config);
        var stored = FaultWorld.Strings(config, "SELECT title || ' ' || text FROM items");
        output.WriteLine(run.ToString());

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Forbidden:", sources["xxe"].GetProperty("last_error").GetString());
        Assert.Equal(2, stored.Count);
        Assert.DoesNotContain(stored, t => t.Contains("root:", StringComparison.Ordinal) || t.Contains("lollol", StringComparison.Ordinal));
        FaultLedger.Survived();
    }

    [Fact]
    public async Task Classic_xss_vectors_in_a_feed_never_reach_the_mail_as_script()
    {
        FaultLedger.Tried();
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        string[] vectors =
        [
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">click</a>",
            "<a href=\"  JaVaScRiPt:alert(1)\">click</a>", "<svg onload=alert(1)></svg>", "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<body onload=alert(1)>", "<div style=\"background:url(javascript:alert(1))\">x</div>", "<object data=\"javascript:alert(1)\"></object>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">d</a>", "<math><a xlink:href=\"javascript:alert(1)\">m</a></math>",
            "<form action=\"javascript:alert(1)\"><input type=submit></form>", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<IMG SRC=JaVaScRiPt:alert('XSS')>", "<details open ontoggle=alert(1)>", "\"><script>alert(1)</script>",
        ];
        var entry = FaultFeeds.Make(feeds.Url("/"), "xss", 0, DateTimeOffset.UtcNow);
        var html = WebUtility.HtmlEncode(string.Join("<p>", vectors.Select(v => $"{entry.Text} {v}")));
        feeds.Content("/xss.xml", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>xss</title><item><title>{WebUtility.HtmlEncode(entry.Title + " <script>alert(1)</script>\"><img src=x onerror=alert(1)>")}</title>
            <link>{entry.Link}</link><description>{html}</description></item></channel></rss>
            """);
        config.AddSource("xss", "xss", feeds.Url("/xss.xml")).AddSubscriber("reader@example.org", "قارئ", "immediate").Write();

        var run = await FaultWorld.OnceAsync(config);
        Assert.True(run.ExitCode == 0, run.ToString());
        var mail = await MimeInspector.InspectAsync(Assert.Single(FaultWorld.PickupMessages(config)).Bytes);
        var document = new HtmlParser().ParseDocument(mail.Leaves.Single(p => p.ContentType == "text/html").Text!);

        Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, form, meta[http-equiv], svg, math, details"));
        var attributes = document.All.SelectMany(e => e.Attributes).ToList();
        Assert.DoesNotContain(attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Value.Replace(" ", "").Contains("javascript:", StringComparison.OrdinalIgnoreCase)
                                               || a.Value.TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(entry.Link, document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        FaultLedger.Survived();
    }

    [Fact]
    public async Task Line_breaks_in_a_title_or_a_subscriber_name_cannot_add_headers()
    {
        FaultLedger.Tried();
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        var entry = FaultFeeds.Make(feeds.Url("/"), "crlf", 0, DateTimeOffset.UtcNow);
        feeds.Content("/crlf.xml", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>crlf</title><item><title>{entry.Title}&#13;&#10;Bcc: victim@example.org&#13;&#10;X-Injected: yes</title>
            <link>{entry.Link}</link><description>{WebUtility.HtmlEncode(entry.Text)}</description></item></channel></rss>
            """);
        // A name with a line break is refused where it enters: the configuration names it by path.
        config.AddSource("crlf", "crlf", feeds.Url("/crlf.xml"))
            .AddSubscriber("reader@example.org", "ليلى\r\nBcc: other@example.org\r\nX-Injected: yes", "immediate").Write();
        var refused = await FaultWorld.OnceAsync(config);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("Monitor:Subscribers:0:Name: must be one line", refused.StdErr);
        config.Monitor["Subscribers"]![0]!["Name"] = "ليلى الحلبي";
        config.Write();

        var run = await FaultWorld.OnceAsync(config);
        Assert.True(run.ExitCode == 0, run.ToString());
        var mail = await MimeInspector.InspectAsync(Assert.Single(FaultWorld.PickupMessages(config)).Bytes);
        output.WriteLine(string.Join("\n", mail.Headers.Select(h => $"{h.Name}: {h.Value}")));

        Assert.Single(mail.Headers, h => h.Name.Equals("Subject", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(mail.Headers, h => h.Name.Equals("Bcc", StringComparison.OrdinalIgnoreCase) || h.Name.StartsWith("X-Injected", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("reader@example.org", Assert.Single(mail.To).Address);
        Assert.Empty(mail.Defects);
        FaultLedger.Survived();
    }

    [Fact]
    public async Task With_the_ssrf_guard_on_a_loopback_source_is_refused_and_recorded()
    {
        FaultLedger.Tried();
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        feeds.Content("/internal.xml", FaultFeeds.Rss("internal", FaultFeeds.Many(feeds.Url("/"), "internal", 2, DateTimeOffset.UtcNow)));
        config.AddSource("internal", "internal", feeds.Url("/internal.xml")).AddSource("internal-by-name", "internal", feeds.Url("/internal.xml", "localhost"));
        config.Monitor["Fetch"]!["BlockPrivateAddresses"] = true;
        config.Write();

        var run = await FaultWorld.OnceAsync(config);
        var sources = await FaultWorld.SourcesAsync(config);
        output.WriteLine(run.StdOut + sources["internal"].GetProperty("last_error").GetString());

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(0, feeds.RequestCount("/internal.xml"));
        foreach (var id in new[] { "internal", "internal-by-name" })
            Assert.Contains("private", sources[id].GetProperty("last_error").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, FaultWorld.Scalar(config, "SELECT COUNT(*) FROM items"));
        FaultLedger.Survived();
    }
}
