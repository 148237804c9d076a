using System.Text.Json;
using AngleSharp.Html.Parser;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.EndToEnd;

/// <summary>
/// The risk: the pieces each work but the whole path does not — a feed is read but nothing arrives, the Arabic
/// subject is mangled on the way, an entry is mailed twice, or one dead source stops the others. These tests run the
/// real executable against a loopback feed server and a real SMTP server (aiosmtpd), and read the mail with Python's
/// MIME parser.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OnceEndToEndTests
{
    private const string SubscriberName = "ليلى الحلبي";
    private const string SubscriberEmail = "layla@example.org";

    [Fact]
    public async Task Once_delivers_every_seed_entry_in_one_rtl_digest_and_a_second_run_sends_nothing()
    {
        await using var feeds = await FeedServer.StartAsync();
        await using var smtp = await SmtpServer.StartAsync();
        using var config = new TestConfig();
        var entries = ServeSeedFeeds(feeds, config);
        config.AddSubscriber(SubscriberEmail, SubscriberName).UseSmtp(smtp.Port).Write();

        var first = await MonitorProcess.RunAsync(["once", "--config", config.Path]);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("source etilaf: 2 new", first.StdOut);
        Assert.Contains("source news: 3 new", first.StdOut);

        var delivered = smtp.ReadDeliveries();
        var delivery = Assert.Single(delivered);
        Assert.Equal([SubscriberEmail], delivery.Recipients);
        var mail = await MimeInspector.InspectAsync(delivery.Bytes);

        // Headers decode exactly: the Arabic subject as composed, the sender and recipient names.
        var outbox = await MonitorProcess.RunAsync(["outbox", "list", "--json", "--config", config.Path]);
        var queued = JsonDocument.Parse(outbox.StdOut).RootElement.EnumerateArray().Single();
        Assert.Equal(queued.GetProperty("subject").GetString(), mail.Subject);
        Assert.Contains("الائتلاف", mail.Subject);
        Assert.Equal("مرصد الأخبار السورية", Assert.Single(mail.From).DisplayName);
        Assert.Equal(SubscriberName, Assert.Single(mail.To).DisplayName);
        Assert.Equal(queued.GetProperty("message_id").GetString(), mail.MessageId);
        Assert.Empty(mail.Defects);

        // multipart/alternative: plain text first, HTML second; the HTML is right-to-left Arabic.
        Assert.Equal("multipart/alternative", mail.ContentType);
        Assert.Equal(["text/plain", "text/html"], mail.Leaves.Select(p => p.ContentType));
        var text = mail.Leaves[0].Text!;
        var html = new HtmlParser().ParseDocument(mail.Leaves[1].Text!);
        Assert.Equal("rtl", html.DocumentElement.GetAttribute("dir"));
        Assert.Equal("ar", html.DocumentElement.GetAttribute("lang"));

        // Every seed entry is in the digest, once: its link appears once in each part.
        foreach (var entry in entries)
        {
            Assert.True(Occurrences(text, entry.Link) == 1, $"seed {entry.Seed} link {entry.Link} in text part {Occurrences(text, entry.Link)} times:\n{text}");
            Assert.Single(html.QuerySelectorAll("a"), a => a.GetAttribute("href") == entry.Link);
        }

        // A second cycle: the feeds answer 304, nothing new is stored, nothing is sent.
        var second = await MonitorProcess.RunAsync(["once", "--config", config.Path]);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("source etilaf: not modified", second.StdOut);
        Assert.Single(smtp.ReadDeliveries());
    }

    [Fact]
    public async Task A_digest_over_its_size_limit_lists_the_most_important_stories_counts_the_rest_and_does_not_resend_them()
    {
        await using var feeds = await FeedServer.StartAsync();
        await using var smtp = await SmtpServer.StartAsync();
        using var config = new TestConfig();
        ServeSeedFeeds(feeds, config);
        config.AddSubscriber(SubscriberEmail, SubscriberName, frequency: "immediate").UseSmtp(smtp.Port);
        config.Monitor["Mail"]!["MaxStoriesPerDigest"] = 1;
        config.Write();

        var first = await MonitorProcess.RunAsync(["once", "--config", config.Path]);
        Assert.True(first.ExitCode == 0, first.ToString());

        var mail = await MimeInspector.InspectAsync(Assert.Single(smtp.ReadDeliveries()).Bytes);
        var html = new HtmlParser().ParseDocument(mail.Leaves[1].Text!);
        Assert.Single(html.QuerySelectorAll("td.story"));
        var omitted = html.QuerySelector("td.omitted")!.TextContent.Trim();
        Assert.StartsWith("لم تُدرج في هذه الرسالة", omitted);
        Assert.Contains(omitted, mail.Leaves[0].Text!);

        // The stories left out were counted in that message: the next cycle has nothing to send.
        var second = await MonitorProcess.RunAsync(["once", "--config", config.Path]);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Single(smtp.ReadDeliveries());
    }

    [Fact]
    public async Task A_dead_source_is_recorded_and_reported_while_the_other_is_still_delivered()
    {
        await using var feeds = await FeedServer.StartAsync();
        await using var smtp = await SmtpServer.StartAsync();
        using var config = new TestConfig();
        var entries = SeedFeeds.Entries(feeds.Url("/"));
        feeds.Content("/etilaf.xml", SeedFeeds.Rss("الائتلاف", feeds.Url("/"), entries.Where(e => e.Seed == 4)));
        var deadPort = FreePort();
        config.AddSource("etilaf", "الائتلاف", feeds.Url("/etilaf.xml"), primary: true)
            .AddSource("dead", "موقع متوقف", new Uri($"http://127.0.0.1:{deadPort}/feed"))
            .AddSubscriber(SubscriberEmail, SubscriberName)
            .UseSmtp(smtp.Port).Write();

        var run = await MonitorProcess.RunAsync(["once", "--config", config.Path]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("source dead: failed:", run.StdOut);
        Assert.Contains("source etilaf: 1 new", run.StdOut);
        var sources = JsonDocument.Parse((await MonitorProcess.RunAsync(["sources", "list", "--json", "--config", config.Path])).StdOut).RootElement;
        var dead = sources.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "dead");
        Assert.Equal(1, dead.GetProperty("consecutive_failures").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(dead.GetProperty("last_error").GetString()));
        var mail = await MimeInspector.InspectAsync(Assert.Single(smtp.ReadMessages()));
        Assert.Contains(entries[4].Link, mail.Leaves[0].Text);
    }

    [Fact]
    public async Task A_source_failing_again_and_again_is_reported_unhealthy_and_backs_off()
    {
        using var config = new TestConfig();
        config.Monitor["Fetch"]!["UnhealthyAfterFailures"] = 2;
        config.AddSource("dead", "موقع متوقف", new Uri($"http://127.0.0.1:{FreePort()}/feed")).Write();

        var first = await MonitorProcess.RunAsync(["once", "--config", config.Path]);
        var backingOff = await MonitorProcess.RunAsync(["once", "--config", config.Path]);
        var forced = await MonitorProcess.RunAsync(["once", "--force", "--config", config.Path]);

        Assert.DoesNotContain("health dead: unhealthy", first.StdOut);
        Assert.Contains("source dead: skipped (backing off until", backingOff.StdOut);
        Assert.Contains("health dead: unhealthy: 2 consecutive failed fetches; last error: connection refused", forced.StdOut);
    }

    [Fact]
    public async Task By_default_mail_is_written_as_parseable_eml_files_in_the_pickup_folder()
    {
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        var entries = SeedFeeds.Entries(feeds.Url("/"));
        feeds.Content("/etilaf.xml", SeedFeeds.Rss("الائتلاف", feeds.Url("/"), entries.Where(e => e.Seed is 3 or 4)));
        config.AddSource("etilaf", "الائتلاف", feeds.Url("/etilaf.xml"), primary: true)
            .AddSubscriber(SubscriberEmail, SubscriberName).Write();

        var run = await MonitorProcess.RunAsync(["once", "--config", config.Path]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var files = Directory.GetFiles(Path.Combine(config.DataFolder, "mail-out"), "*.eml");
        var eml = await File.ReadAllBytesAsync(Assert.Single(files));
        var mail = await MimeInspector.InspectAsync(eml);
        Assert.DoesNotContain(mail.HeaderNames, h => h.StartsWith("X-Sender", StringComparison.OrdinalIgnoreCase) || h.StartsWith("X-Receiver", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(SubscriberName, Assert.Single(mail.To).DisplayName);
        Assert.Contains(entries[3].Link, mail.Leaves[0].Text);
    }

    /// <summary>The five seed texts as two sources: the coalition's own feed (primary, RSS) and a news site (Atom).</summary>
    private static IReadOnlyList<SeedFeeds.SeedEntry> ServeSeedFeeds(FeedServer feeds, TestConfig config)
    {
        var entries = SeedFeeds.Entries(feeds.Url("/"));
        feeds.Content("/etilaf.xml", SeedFeeds.Rss("الائتلاف الوطني السوري", feeds.Url("/"), entries.Where(e => e.Seed is 3 or 4)));
        feeds.Content("/news.atom", SeedFeeds.Atom("أخبار سوريا", feeds.Url("/"), entries.Where(e => e.Seed is 0 or 1 or 2)), "application/atom+xml; charset=utf-8");
        config.AddSource("etilaf", "الائتلاف الوطني السوري", feeds.Url("/etilaf.xml"), primary: true)
            .AddSource("news", "أخبار سوريا", feeds.Url("/news.atom"));
        return entries;
    }

    private static int Occurrences(string haystack, string needle)
    {
        var count = 0;
        for (var i = haystack.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = haystack.IndexOf(needle, i + needle.Length, StringComparison.Ordinal))
        {
            // A longer link that merely starts with this one (/news/1 vs /news/10) is not this link.
            var end = i + needle.Length;
            if (end == haystack.Length || !char.IsDigit(haystack[end])) count++;
        }
        return count;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>End-to-end tests start processes and servers: run them one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "end-to-end";
}
