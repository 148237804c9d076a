using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Worker.Mail;
using Monitor.Worker.Tests.Support;
using Monitor.Worker.Tests.Web;

namespace Monitor.Worker.Tests.EndToEnd;

/// <summary>
/// The risk: the web endpoint works in-process (the admin tests) but not in the executable that is shipped, e.g. a
/// handler, a JSON body or the antiforgery check that the native build trimmed away. Runs `monitor run` as a process
/// (the native build when test.sh names it) with the web on: health, the readiness JSON, the admin sign-in and a page,
/// a signed unsubscribe link, and the subscriber's topics and watch lists as the configuration gave them.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WebProcessTests
{
    [Fact]
    public async Task The_executable_serves_health_readiness_the_admin_pages_and_unsubscribe()
    {
        await using var feeds = await FeedServer.StartAsync();
        using var config = new TestConfig();
        var port = Monitor.Tests.Shared.LoopbackPort.Free();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        feeds.Content("/etilaf.xml", SeedFeeds.Rss("الائتلاف", feeds.Url("/"), SeedFeeds.Entries(feeds.Url("/"))));
        config.AddSource("etilaf", "الائتلاف الوطني", feeds.Url("/etilaf.xml"), primary: true)
            .AddSubscriber("reader@example.org", "قارئ", topics: ["ceasefire"]);
        // Lists inside the options are bound by reflection: in the native build they need their metadata kept.
        config.Monitor["Subscribers"]![0]!["WatchLists"] = new JsonArray("people");
        config.Monitor["Web"] = new JsonObject { ["Enabled"] = true, ["Urls"] = baseUrl.ToString().TrimEnd('/'), ["AllowPrivateSourceAddresses"] = true };
        config.Monitor["Mail"]!["PublicBaseUrl"] = baseUrl.ToString().TrimEnd('/');
        config.Write();
        // Secrets come from the environment, as the README tells operators to set them (none in the file).
        const string secret = "web-process-test-unsubscribe-secret-0123456789";
        var env = new Dictionary<string, string> { ["Monitor__Web__AdminToken"] = AdminHost.Token, ["Monitor__Mail__UnsubscribeSecret"] = secret };

        using var process = Process.Start(MonitorProcess.StartInfo(["run", "--config", config.Path], env: env))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseUrl };
            await WaitForHealthAsync(http, process, stderr);

            var ready = await ReadyAsync(http);
            Assert.True(ready["store"]!.GetValue<bool>(), ready.ToJsonString());
            Assert.True(ready.ContainsKey("lastPollAt"), ready.ToJsonString());

            await AdminHost.SignInAsync(http);
            var sources = await http.GetStringAsync("/admin/sources");
            Assert.Contains("الائتلاف الوطني", sources);

            var link = "/unsubscribe?token=" + Uri.EscapeDataString(new UnsubscribeTokens(secret).Create(1, "reader@example.org"));
            var confirm = await http.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
            Assert.Contains("reader@example.org", await confirm.Content.ReadAsStringAsync());
            var done = await http.PostAsync(link, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var list = await MonitorProcess.RunAsync(["subscribers", "list", "--json", "--config", config.Path]);
        Assert.True(list.ExitCode == 0, list.ToString());
        var reader = JsonNode.Parse(list.StdOut)!.AsArray().Single(s => s!["email"]!.GetValue<string>() == "reader@example.org")!;
        Assert.False(reader["active"]!.GetValue<bool>(), "the unsubscribe link did not deactivate the subscriber");
        Assert.Equal(["ceasefire"], reader["topics"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["people"], reader["watch_lists"]!.AsArray().Select(t => t!.GetValue<string>()));
        _ = await stdout + await stderr;
    }

    private static async Task WaitForHealthAsync(HttpClient http, Process process, Task<string> stderr)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) Assert.Fail("the service exited: " + await stderr);
            try
            {
                if ((await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("the web endpoint did not answer /healthz within 60 s");
    }

    /// <summary>/readyz's JSON body (200 or 503: right after start the scheduler may not have polled yet).</summary>
    private static async Task<JsonObject> ReadyAsync(HttpClient http)
    {
        var response = await http.GetAsync("/readyz");
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable });
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(), documentOptions: new JsonDocumentOptions())!.AsObject();
    }
}
