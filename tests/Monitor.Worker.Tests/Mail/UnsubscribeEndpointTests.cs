using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Worker.Configuration;
using Monitor.Worker.Mail;
using Monitor.Worker.Storage;
using Monitor.Worker.Tests.Support;
using Monitor.Worker.Web;

namespace Monitor.Worker.Tests.Mail;

/// <summary>
/// Risk guarded: a link scanner unsubscribing people by following the GET, the one-click POST of RFC 8058 not
/// working, or a forged token unsubscribing someone. Real Kestrel on loopback, a real HttpClient.
/// </summary>
public sealed class UnsubscribeEndpointTests : IAsyncLifetime
{
    private readonly UnsubscribeTokens _tokens = new("endpoint-test-secret-0123456789");
    private readonly InMemorySubscriberStore _subscribers = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private SubscriberRecord _reader = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_tokens);
        builder.Services.AddSingleton<ISubscriberStore>(_subscribers);
        _app = builder.Build();
        _app.MapUnsubscribe();
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        _reader = await _subscribers.UpsertSubscriberAsync(new SubscriberRecord { Email = "reader@example.org", Name = "قارئ" }, default);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private string UrlFor(long id, string email) => "/unsubscribe?token=" + Uri.EscapeDataString(_tokens.Create(id, email));

    private async Task<bool> ReaderIsActive() => (await _subscribers.GetSubscriberAsync("reader@example.org", default))!.Active;

    private static FormUrlEncodedContent OneClick() => new([new("List-Unsubscribe", "One-Click")]);

    [Fact]
    public async Task Get_shows_a_confirmation_form_and_changes_nothing()
    {
        var response = await _http.GetAsync(UrlFor(_reader.Id, _reader.Email));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<form method=\"post\"", html);
        Assert.Contains("lang=\"ar\" dir=\"rtl\"", html);
        Assert.Contains("reader@example.org", html);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.True(await ReaderIsActive());
    }

    [Fact]
    public async Task One_click_post_unsubscribes_and_a_repeat_is_harmless()
    {
        var first = await _http.PostAsync(UrlFor(_reader.Id, _reader.Email), OneClick());
        var again = await _http.PostAsync(UrlFor(_reader.Id, _reader.Email), OneClick());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(await ReaderIsActive());
    }

    [Fact]
    public async Task The_pages_own_form_post_unsubscribes()
    {
        var page = await _http.GetStringAsync(UrlFor(_reader.Id, _reader.Email));
        var action = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "action=\"([^\"]+)\"").Groups[1].Value);

        var response = await _http.PostAsync("/unsubscribe" + action, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await ReaderIsActive());
    }

    [Fact]
    public async Task A_forged_or_foreign_token_gets_400_and_changes_nothing()
    {
        var token = _tokens.Create(_reader.Id, _reader.Email);
        var forged = "/unsubscribe?token=" + Uri.EscapeDataString(token[..^2] + (token[^2] == 'x' ? "yy" : "xx"));
        var foreign = "/unsubscribe?token=" + Uri.EscapeDataString(new UnsubscribeTokens("someone-elses-secret-123456").Create(_reader.Id, _reader.Email));

        foreach (var url in new[] { forged, foreign, "/unsubscribe", "/unsubscribe?token=" })
        {
            var get = await _http.GetAsync(url);
            var post = await _http.PostAsync(url, OneClick());
            Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
            Assert.Contains("not valid", await post.Content.ReadAsStringAsync());
        }
        Assert.True(await ReaderIsActive());
    }

    [Fact]
    public async Task The_list_unsubscribe_url_of_a_built_digest_unsubscribes_by_one_click()
    {
        var options = new MailOptions { PublicBaseUrl = _app.Urls.First(), FromAddress = "monitor@example.org", ListId = "digest.example.org" };
        var row = OutboxMessages.Build(options, _tokens, _reader, "reader/2026-11-22", "ملخص اليوم", "نص", "<p>نص</p>", TestMail.Date);
        var parsed = await MimeInspector.InspectAsync(row.Mime);
        var url = System.Text.RegularExpressions.Regex.Match(parsed.ListUnsubscribe!, "<(http[^>]+)>").Groups[1].Value;

        Assert.Equal("List-Unsubscribe=One-Click", parsed.ListUnsubscribePost);
        Assert.Equal(row.MessageId, parsed.MessageId);
        var response = await _http.PostAsync(url, OneClick());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await ReaderIsActive());
    }
}
