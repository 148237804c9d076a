using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Monitor.Tests.Shared;
using Monitor.Worker.Fetching;
using Monitor.Worker.Tests.Cluster;
using Monitor.Worker.Tests.Support;
using Monitor.Worker.Tests.Web;
using Xunit.Abstractions;

namespace Monitor.Worker.Tests.Faults;

/// <summary>
/// The risk: an operator adds a source through the admin pages, its address is checked once when it is saved, and
/// later the site redirects — or its name resolves — to an internal address, so the service's scheduled polls read
/// (and mail out) what only the machine itself may see. The real `monitor run` serves the admin pages; two sources are
/// added through them on an address the guard accepts (this machine's public-looking interface), one then answers
/// with a redirect to 127.0.0.1 and the other's host name comes to mean loopback (its stored URL is moved to
/// `localhost`, which is what a changed DNS record looks like to the poll). On the next start the scheduled polls must
/// refuse both and say why on the source, with no request reaching the internal address, while a source from the
/// configuration file on loopback keeps working as before.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "Fault")]
public sealed class WebSourceGuardTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sources_added_through_the_admin_pages_are_refused_at_scheduled_polls_when_they_redirect_or_resolve_to_loopback()
    {
        var publicAddress = PublicLookingAddress() ?? AddTestNetAddress();
        Assert.True(publicAddress is not null, "this machine has no IPv4 address the SSRF guard treats as public, and adding 192.0.2.250 to lo failed (needs root and iproute2), so no source can pass the save-time check");
        FaultLedger.Tried(2);
        await using var feeds = await FeedServer.StartAsync(listen: "0.0.0.0");
        var internalFeed = FaultFeeds.Many(feeds.Url("/"), "internal", 3, DateTimeOffset.UtcNow);
        var localFeed = FaultFeeds.Many(feeds.Url("/"), "local", 3, DateTimeOffset.UtcNow);
        feeds.Content("/internal.xml", FaultFeeds.Rss("internal", internalFeed));
        feeds.Content("/local.xml", FaultFeeds.Rss("local", localFeed));
        feeds.Content("/rebound.xml", FaultFeeds.Rss("rebound", []));
        feeds.Redirect("/hop.xml", feeds.Url("/internal.xml").ToString(), StatusCodesFound);

        var webPort = LoopbackPort.Free();
        using var config = new TestConfig();
        config.AddSource("local", "local", feeds.Url("/local.xml"));
        config.Monitor["Web"] = new JsonObject { ["Enabled"] = true, ["Urls"] = $"http://127.0.0.1:{webPort}", ["AdminToken"] = AdminHost.Token };
        config.Write();
        var env = new Dictionary<string, string>();

        // First run: the operator adds both sources through the admin pages, where the address passes the check.
        using (var first = ClusterNode.Start("admin", config.Path, env))
        {
            await first.InstanceIdAsync(TimeSpan.FromSeconds(60));
            using var client = await SignInAsync(new Uri($"http://127.0.0.1:{webPort}"));
            foreach (var (id, path) in new[] { ("hop", "/hop.xml"), ("rebound", "/rebound.xml") })
            {
                var token = await AdminHost.CsrfTokenAsync(client, "/admin/sources/new");
                var saved = await client.PostAsync("/admin/sources/save", new FormUrlEncodedContent(
                [
                    new("__csrf", token), new("isNew", "true"), new("id", id), new("name", id), new("url", feeds.Url(path, publicAddress!.ToString()).ToString()),
                    new("type", "feed"), new("interval", "5"), new("timeZone", "UTC"), new("enabled", "on"),
                ]));
                Assert.True(saved.StatusCode == HttpStatusCode.OK, $"{id}: {saved.StatusCode}\n{await saved.Content.ReadAsStringAsync()}");
            }
            first.Kill();
        }
        Assert.Equal(["0", "1", "1"], FaultWorld.Strings(config, "SELECT block_private FROM sources ORDER BY id = 'local' DESC, id"));
        // The rebound source's host name now means loopback.
        using (var db = FaultWorld.OpenDatabase(config, SqliteOpenMode.ReadWrite))
        {
            using var move = db.CreateCommand();
            move.CommandText = "UPDATE sources SET url = @url, configured_url = @url WHERE id = 'rebound'";
            move.Parameters.AddWithValue("@url", feeds.Url("/internal.xml", "localhost").ToString());
            Assert.Equal(1, move.ExecuteNonQuery());
        }

        // Second run: the scheduled polls.
        using var service = ClusterNode.Start("service", config.Path, env);
        await service.InstanceIdAsync(TimeSpan.FromSeconds(60));
        var sources = await PolledAsync(config, ["hop", "rebound", "local"], service);
        Assert.False(service.HasExited, service.Log);
        foreach (var (id, s) in sources) output.WriteLine($"{id}: {s}");
        var stored = FaultWorld.LinksInStories(config);
        var internalStored = internalFeed.Count(e => stored.Contains(e.Link));
        var localLost = localFeed.Count(e => !stored.Contains(e.Link));
        FaultLedger.Observed(lost: localLost);

        Assert.Equal(0, feeds.RequestCount("/internal.xml"));
        Assert.True(feeds.RequestCount("/hop.xml") >= 1, "the first hop was never asked for");
        Assert.Equal(0, internalStored);
        var hopError = sources["hop"].GetProperty("last_error").GetString() ?? "";
        var reboundError = sources["rebound"].GetProperty("last_error").GetString() ?? "";
        Assert.Contains("127.0.0.1", hopError, StringComparison.Ordinal);
        Assert.Contains("private addresses are blocked for this source", hopError, StringComparison.Ordinal);
        Assert.Contains("loopback", reboundError, StringComparison.Ordinal);
        Assert.Contains("private addresses are blocked for this source", reboundError, StringComparison.Ordinal);
        Assert.True(sources["hop"].GetProperty("block_private_addresses").GetBoolean());
        Assert.False(sources["local"].GetProperty("block_private_addresses").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, sources["local"].GetProperty("last_error").ValueKind);
        Assert.Equal(0, localLost);
        FaultLedger.Survived(2);
    }

    private const int StatusCodesFound = 302;

    /// <summary>An IPv4 address of this machine that the SSRF guard accepts (here the sandbox's 192.0.2.x interface).</summary>
    private static IPAddress? PublicLookingAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(a => a.Address))
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && AddressPolicy.WhyBlocked(a) is null);

    /// <summary>
    /// A machine whose only addresses are private (a CI runner behind NAT) gets a documentation address (TEST-NET-1,
    /// never routed) on its loopback interface, which the guard treats as public. It stays until the next reboot and
    /// is reused by later runs.
    /// </summary>
    private static IPAddress? AddTestNetAddress()
    {
        try
        {
            using var ip = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ip", "addr add 192.0.2.250/32 dev lo")
                { RedirectStandardError = true, UseShellExecute = false });
            ip?.WaitForExit(10_000);
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
        return PublicLookingAddress();
    }

    private static async Task<HttpClient> SignInAsync(Uri baseUrl)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseUrl };
        // The scheduler is ready a moment before Kestrel listens.
        for (var attempt = 0; attempt < 60; attempt++)
        {
            try { if ((await client.GetAsync("/healthz")).IsSuccessStatusCode) break; }
            catch (HttpRequestException) { }
            await Task.Delay(500);
        }
        return await AdminHost.SignInAsync(client);
    }

    /// <summary>Waits until every source has been attempted by a scheduled poll, then returns `sources list --json`.</summary>
    private static async Task<IReadOnlyDictionary<string, System.Text.Json.JsonElement>> PolledAsync(TestConfig config, string[] ids, ClusterNode service)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var sources = await FaultWorld.SourcesAsync(config);
            if (ids.All(id => sources.TryGetValue(id, out var s) && s.GetProperty("last_attempt_at").ValueKind != System.Text.Json.JsonValueKind.Null))
                return sources;
            if (DateTimeOffset.UtcNow > deadline || service.HasExited)
                Assert.Fail("not every source was polled within 60 s:\n" + string.Join("\n", sources.Select(s => $"{s.Key}: {s.Value}")) + "\n" + service.Log);
            await Task.Delay(1000);
        }
    }
}
