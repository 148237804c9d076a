using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Worker.Configuration;
using Monitor.Worker.Hosting;
using Monitor.Worker.Storage;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Web;

/// <summary>Admin tests share one process-wide Quartz scheduler name: they run one host at a time.</summary>
[CollectionDefinition(Name)]
public sealed class AdminHostCollection
{
    public const string Name = "admin host";
}

/// <summary>
/// The real service host (<see cref="ServiceHost.Build"/>: Kestrel, Quartz, SQLite file) on a free loopback port, with
/// an operator token, for the admin page tests. Private addresses are allowed for sources because the test feeds are
/// on loopback.
/// </summary>
public sealed partial class AdminHost : IAsyncDisposable
{
    public const string Token = "admin-test-token-5b0c1f2e9d";

    public TestConfig Config { get; }
    public WebApplication App { get; }
    public Uri BaseUrl { get; }
    public IMonitorStore Store => App.Services.GetRequiredService<IMonitorStore>();

    private AdminHost(TestConfig config, WebApplication app, Uri baseUrl)
    {
        Config = config;
        App = app;
        BaseUrl = baseUrl;
    }

    public static async Task<AdminHost> StartAsync(Action<TestConfig>? configure = null, bool withSecret = true)
    {
        var port = Monitor.Tests.Shared.LoopbackPort.Free();
        var config = new TestConfig();
        var web = new JsonObject { ["Enabled"] = true, ["Urls"] = $"http://127.0.0.1:{port}", ["AllowPrivateSourceAddresses"] = true };
        if (withSecret) web["AdminToken"] = Token;
        config.Monitor["Web"] = web;
        config.Monitor["Mail"]!["PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        configure?.Invoke(config);
        config.Write();
        var loaded = ConfigLoader.Load(config.Path);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var app = ServiceHost.Build(loaded, verbose: false);
        await app.StartAsync();
        return new AdminHost(config, app, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>
    /// Waits until the start-up digest catch-up (a one-off Quartz job, gone once it has run) has composed what was due,
    /// so a test that adds a subscriber and previews its digest does not race it for the same stories.
    /// </summary>
    public async Task WaitForStartupCatchUpAsync()
    {
        var scheduler = await App.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (await scheduler.GetJobDetail(new Quartz.JobKey("digest-catch-up", "system")) is not null)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the start-up digest catch-up did not finish within 3 minutes");
            await Task.Delay(200);
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects (so a redirect to the login page is visible).</summary>
    public HttpClient Client(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseUrl };

    /// <summary>Signs in through the login form (token included) and returns the client holding the session cookie.</summary>
    public Task<HttpClient> SignedInClientAsync() => SignInAsync(Client());

    /// <summary>Signs <paramref name="client"/> (cookies kept, redirects not followed) in with <see cref="Token"/>.</summary>
    public static async Task<HttpClient> SignInAsync(HttpClient client)
    {
        var token = await CsrfTokenAsync(client, "/admin/login");
        var response = await client.PostAsync("/admin/login", new FormUrlEncodedContent([new("__csrf", token), new("password", Token)]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static async Task<string> CsrfTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = CsrfField().Match(html);
        Assert.True(match.Success, $"no antiforgery field on {path}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Config.Dispose();
    }
}
