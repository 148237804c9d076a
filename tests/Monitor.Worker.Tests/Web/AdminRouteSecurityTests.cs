using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Worker.Web.Admin;

namespace Monitor.Worker.Tests.Web;

/// <summary>
/// Risk guarded: an admin page reachable without signing in, a form that acts without its antiforgery token (CSRF),
/// or a page served without the headers that stop framing, sniffing and injected scripts. The routes are read from the
/// running app's endpoint data sources, so a route added later is covered without touching this test.
/// </summary>
[Collection(AdminHostCollection.Name)]
public sealed class AdminRouteSecurityTests : IAsyncLifetime
{
    private AdminHost _host = null!;

    public async Task InitializeAsync() => _host = await AdminHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IReadOnlyList<(string Method, string Path, bool Anonymous)> AdminRoutes() =>
        ((IEndpointRouteBuilder)_host.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/admin", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m =>
                (m, Concrete(e.RoutePattern.RawText!), e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .ToList();

    /// <summary>A request path for a route pattern: each parameter gets a value its constraint accepts.</summary>
    private static string Concrete(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", m => m.Value.Contains(":long", StringComparison.Ordinal) ? "1" : "etilaf");

    [Fact]
    public async Task Every_admin_route_refuses_an_unauthenticated_request()
    {
        var routes = AdminRoutes();
        Assert.True(routes.Count >= 15, $"only {routes.Count} admin routes found");
        Assert.Equal(["GET /admin/login", "POST /admin/login"], routes.Where(r => r.Anonymous).Select(r => $"{r.Method} {r.Path}").Order());
        using var anonymous = _host.Client();
        foreach (var (method, path, _) in routes.Where(r => !r.Anonymous))
        {
            var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
                { Content = method == "POST" ? new FormUrlEncodedContent([new("email", "x@example.org")]) : null });
            var refused = response.StatusCode == HttpStatusCode.Unauthorized
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/admin/login", StringComparison.Ordinal));
            Assert.True(refused, $"{method} {path} answered {(int)response.StatusCode} without a sign-in");
        }
    }

    [Fact]
    public async Task Every_admin_form_refuses_a_missing_or_invalid_antiforgery_token()
    {
        using var client = await _host.SignedInClientAsync();
        var posts = AdminRoutes().Where(r => r.Method == "POST").ToList();
        Assert.True(posts.Count >= 10, $"only {posts.Count} POST routes found");
        foreach (var (_, path, _) in posts)
        {
            var missing = await client.PostAsync(path, new FormUrlEncodedContent([new("email", "x@example.org"), new("password", AdminHost.Token)]));
            var forged = await client.PostAsync(path, new FormUrlEncodedContent([new("__csrf", "CfDJ8forged-token"), new("password", AdminHost.Token)]));
            Assert.True(missing.StatusCode == HttpStatusCode.BadRequest, $"POST {path} without a token answered {(int)missing.StatusCode}");
            Assert.True(forged.StatusCode == HttpStatusCode.BadRequest, $"POST {path} with a forged token answered {(int)forged.StatusCode}");
        }
    }

    [Fact]
    public async Task Admin_pages_carry_strict_security_headers_and_secure_cookie_flags()
    {
        using var client = await _host.SignedInClientAsync();
        var response = await client.GetAsync("/admin/sources");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());

        using var fresh = _host.Client();
        var login = await fresh.GetAsync("/admin/login");
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("monitor-csrf=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_signs_nobody_in()
    {
        using var client = _host.Client();
        var token = await AdminHost.CsrfTokenAsync(client, "/admin/login");
        var response = await client.PostAsync("/admin/login", new FormUrlEncodedContent([new("__csrf", token), new("password", "guess")]));
        var after = await client.GetAsync("/admin/sources");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task Arabic_by_default_and_english_on_request()
    {
        using var client = await _host.SignedInClientAsync();
        var arabic = await client.GetStringAsync("/admin/sources");
        var english = await client.GetStringAsync("/admin/sources?lang=en");
        var remembered = await client.GetStringAsync("/admin/stories");

        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", arabic);
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", english);
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", remembered);
    }

    [Fact]
    public async Task Readyz_reports_store_and_scheduler_and_healthz_stays_public()
    {
        // Not ready until Quartz's hosted service has started the scheduler, after the application started (a 503 then
        // is right: the readiness probe waits for it).
        var scheduler = await _host.App.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        for (var i = 0; i < 100 && await scheduler.GetStatus() != Quartz.SchedulerStatus.Running; i++) await Task.Delay(100);
        using var client = _host.Client();
        var ready = await client.GetAsync("/readyz");
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(json.RootElement.GetProperty("store").GetBoolean());
        Assert.True(json.RootElement.GetProperty("scheduler").GetBoolean());
        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task Readyz_answers_503_with_a_reason_when_the_scheduler_is_stopped()
    {
        var scheduler = await _host.App.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        // Quartz's hosted service starts the scheduler once the application has started: let it, then stop it.
        for (var i = 0; i < 100 && await scheduler.GetStatus() != Quartz.SchedulerStatus.Running; i++) await Task.Delay(100);
        await scheduler.Standby();
        Assert.Equal(Quartz.SchedulerStatus.Standby, await scheduler.GetStatus());
        using var client = _host.Client();
        var ready = await client.GetAsync("/readyz");
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("scheduler", json.RootElement.GetProperty("reason").GetString());
    }
}
