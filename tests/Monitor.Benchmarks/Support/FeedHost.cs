using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Monitor.Benchmarks.Support;

/// <summary>
/// Serves many pre-rendered feeds from one in-process Kestrel server on a free loopback port: GET /feed/{n}.xml with
/// a strong ETag per feed and 304 Not Modified for a matching If-None-Match, which is what a polite publisher does and
/// what makes the second poll cycle cheap. Counts the responses it sent by status.
/// </summary>
public sealed class FeedHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IReadOnlyList<byte[]> _feeds;
    private int _ok, _notModified;

    private FeedHost(WebApplication app, IReadOnlyList<byte[]> feeds) { _app = app; _feeds = feeds; }

    public int Ok => Volatile.Read(ref _ok);
    public int NotModified => Volatile.Read(ref _notModified);
    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    public string FeedUrl(int n) => new Uri(BaseUri, $"feed/{n}.xml").ToString();

    public static async Task<FeedHost> StartAsync(IReadOnlyList<byte[]> feeds, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var host = new FeedHost(app, feeds);
        app.MapGet("/feed/{name}", host.ServeAsync);
        await app.StartAsync(ct);
        host.BaseUri = new Uri(app.Urls.First() + "/");
        return host;
    }

    private async Task ServeAsync(HttpContext context, string name)
    {
        if (!name.EndsWith(".xml", StringComparison.Ordinal) || !int.TryParse(name[..^4], out var n) || n < 0 || n >= _feeds.Count)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var etag = $"\"feed-{n}-v1\"";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            Interlocked.Increment(ref _notModified);
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        Interlocked.Increment(ref _ok);
        context.Response.ContentType = "application/rss+xml; charset=utf-8";
        context.Response.ContentLength = _feeds[n].Length;
        await context.Response.Body.WriteAsync(_feeds[n], context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
