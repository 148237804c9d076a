using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Monitor.Benchmarks.Support;

/// <summary>
/// Serves many pre-rendered feeds from one in-process Kestrel server on a free loopback port: GET /feed/{n}.xml with
/// a strong ETag per feed and 304 Not Modified for a matching If-None-Match, which is what a polite publisher does and
/// what makes the second poll cycle cheap. Counts the responses it sent by status.
/// Optionally it plays distant publishers: each response waits <c>latency</c> first (the round trip and server time a
/// real news site costs, which loopback does not), and the feeds are spread over <c>hosts</c> loopback addresses
/// (127.0.0.1, 127.0.0.2, ...) so a reader's per-host politeness budget sees as many publishers as a real feed list has.
/// </summary>
public sealed class FeedHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IReadOnlyList<byte[]> _feeds;
    private readonly TimeSpan _latency;
    private IReadOnlyList<string> _bases = [];
    private int _ok, _notModified;

    private FeedHost(WebApplication app, IReadOnlyList<byte[]> feeds, TimeSpan latency) { _app = app; _feeds = feeds; _latency = latency; }

    public int Ok => Volatile.Read(ref _ok);
    public int NotModified => Volatile.Read(ref _notModified);
    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    /// <summary>How many distinct loopback hosts serve the feeds.</summary>
    public int Hosts => _bases.Count;

    /// <summary>Feed n is served by host n mod hosts, so consecutive feeds belong to different publishers.</summary>
    public string FeedUrl(int n) => $"{_bases[n % _bases.Count]}/feed/{n}.xml";

    public static async Task<FeedHost> StartAsync(IReadOnlyList<byte[]> feeds, CancellationToken ct,
        TimeSpan latency = default, int hosts = 1)
    {
        if (hosts is < 1 or > 250) throw new ArgumentOutOfRangeException(nameof(hosts), hosts, "1 to 250 loopback hosts");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // 127.0.0.0/8 is loopback on Linux: each address is a distinct host name to the reader, on its own port.
        builder.WebHost.UseUrls(Enumerable.Range(1, hosts).Select(h => $"http://127.0.0.{h}:0").ToArray());
        var app = builder.Build();
        var host = new FeedHost(app, feeds, latency);
        app.MapGet("/feed/{name}", host.ServeAsync);
        await app.StartAsync(ct);
        host._bases = app.Urls.Select(u => u.TrimEnd('/')).OrderBy(u => new Uri(u).Host, StringComparer.Ordinal).ToList();
        host.BaseUri = new Uri(host._bases[0] + "/");
        return host;
    }

    private async Task ServeAsync(HttpContext context, string name)
    {
        if (!name.EndsWith(".xml", StringComparison.Ordinal) || !int.TryParse(name[..^4], out var n) || n < 0 || n >= _feeds.Count)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (_latency > TimeSpan.Zero) await Task.Delay(_latency, context.RequestAborted);
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
