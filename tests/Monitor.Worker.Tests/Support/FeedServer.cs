using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.Worker.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 (free port) for integration tests: register what a path answers, fetch
/// <see cref="Url"/>, then ask how often it was requested, how many body bytes it sent and how many requests it served at
/// once. Behaviours cover the hostile web: conditional GET, content codings, gzip bombs, endless and trickling bodies,
/// redirects and loops, status codes with Retry-After, delays and connection resets.
/// Reach it as "localhost" too (<c>Url(path, "localhost")</c>) to have a second host name on the same server.
/// </summary>
public sealed class FeedServer : IAsyncDisposable
{
    /// <summary>The Last-Modified served by <see cref="Content(string, byte[], string, DateTimeOffset?)"/> unless given.</summary>
    public static readonly DateTimeOffset DefaultLastModified = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, RequestDelegate> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RouteStats> _stats = new(StringComparer.Ordinal);

    private FeedServer(WebApplication app) => _app = app;

    public int Port { get; private set; }

    /// <summary>Starts on a free port of <paramref name="listen"/> (loopback; "0.0.0.0" to be reached on every address of the machine).</summary>
    public static async Task<FeedServer> StartAsync(CancellationToken ct = default, string listen = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{listen}:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
        {
            o.AllowSynchronousIO = false;
            // The hostile routes write slowly or forever; Kestrel must not cut them off on its own.
            o.Limits.MinResponseDataRate = null;
        });
        var app = builder.Build();
        var server = new FeedServer(app);
        app.Run(server.DispatchAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        return server;
    }

    /// <summary>Absolute URL of <paramref name="path"/> on this server, through <paramref name="host"/> (127.0.0.1 or localhost).</summary>
    public Uri Url(string path, string host = "127.0.0.1") => new($"http://{host}:{Port}{Normalize(path)}");

    public int RequestCount(string path) => Stats(path).Requests;

    /// <summary>Response body bytes the route wrote (before any transfer framing; after compression for encoded routes).</summary>
    public long BytesSent(string path) => Stats(path).BytesSent;

    /// <summary>The most requests the route was serving at the same moment.</summary>
    public int MaxConcurrent(string path) => Stats(path).MaxConcurrent;

    /// <summary>The request headers of the route's most recent request.</summary>
    public IHeaderDictionary? LastRequestHeaders(string path) => Stats(path).LastHeaders;

    /// <summary>Any behaviour: the handler writes the response itself (its body bytes are counted).</summary>
    public FeedServer Handle(string path, RequestDelegate handler)
    {
        _routes[Normalize(path)] = handler;
        return this;
    }

    /// <summary>Static content with a strong ETag (SHA-256 of the body) and Last-Modified; answers 304 to matching validators.</summary>
    public FeedServer Content(string path, byte[] body, string contentType, DateTimeOffset? lastModified = null)
    {
        var etag = $"\"{Convert.ToHexString(SHA256.HashData(body))[..16]}\"";
        var modified = lastModified ?? DefaultLastModified;
        return Handle(path, async ctx =>
        {
            ctx.Response.Headers.ETag = etag;
            ctx.Response.Headers.LastModified = modified.ToString("R");
            if (IsNotModified(ctx.Request, etag, modified))
            {
                ctx.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            ctx.Response.ContentType = contentType;
            ctx.Response.ContentLength = body.Length;
            await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
        });
    }

    public FeedServer Content(string path, string body, string contentType = "application/rss+xml; charset=utf-8", DateTimeOffset? lastModified = null) =>
        Content(path, System.Text.Encoding.UTF8.GetBytes(body), contentType, lastModified);

    /// <summary>The body compressed with <paramref name="coding"/> ("gzip", "deflate" or "br") and labelled so.</summary>
    public FeedServer Encoded(string path, byte[] body, string coding, string contentType = "application/rss+xml; charset=utf-8")
    {
        var compressed = Compress(body, coding);
        return Handle(path, async ctx =>
        {
            ctx.Response.ContentType = contentType;
            ctx.Response.Headers.ContentEncoding = coding;
            ctx.Response.ContentLength = compressed.Length;
            await ctx.Response.Body.WriteAsync(compressed, ctx.RequestAborted);
        });
    }

    /// <summary>A gzip stream of <paramref name="decompressedBytes"/> zeros, compressed on the fly (about 1000:1), until the client leaves.</summary>
    public FeedServer GzipBomb(string path, long decompressedBytes = 1L << 30) => Handle(path, async ctx =>
    {
        ctx.Response.ContentType = "application/rss+xml";
        ctx.Response.Headers.ContentEncoding = "gzip";
        var gzip = new GZipStream(ctx.Response.Body, CompressionLevel.Optimal, leaveOpen: true);
        await using (gzip)
        {
            await WriteZerosAsync(gzip, decompressedBytes, ctx.RequestAborted);
        }
    });

    /// <summary>A body of <paramref name="totalBytes"/> (default 1 GiB) streamed in chunks, chunked unless <paramref name="declareLength"/>.</summary>
    public FeedServer Huge(string path, long totalBytes = 1L << 30, bool declareLength = false) => Handle(path, async ctx =>
    {
        ctx.Response.ContentType = "application/rss+xml";
        if (declareLength)
        {
            ctx.Response.ContentLength = totalBytes;
        }
        await WriteZerosAsync(ctx.Response.Body, totalBytes, ctx.RequestAborted);
    });

    /// <summary>Headers at once, then one byte every <paramref name="interval"/> (default 1 s) for <paramref name="totalBytes"/> bytes.</summary>
    public FeedServer Trickle(string path, TimeSpan? interval = null, int totalBytes = 3600) => Handle(path, async ctx =>
    {
        ctx.Response.ContentType = "application/rss+xml";
        await ctx.Response.StartAsync(ctx.RequestAborted);
        for (var i = 0; i < totalBytes; i++)
        {
            await ctx.Response.Body.WriteAsync("<"u8.ToArray(), ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            await Task.Delay(interval ?? TimeSpan.FromSeconds(1), ctx.RequestAborted);
        }
    });

    /// <summary>A redirect (301, 302, 303, 307 or 308) to <paramref name="location"/> (absolute or relative).</summary>
    public FeedServer Redirect(string path, string location, int status = StatusCodes.Status301MovedPermanently) => Handle(path, ctx =>
    {
        ctx.Response.StatusCode = status;
        ctx.Response.Headers.Location = location;
        return Task.CompletedTask;
    });

    /// <summary>A status code with an optional Retry-After (seconds or HTTP date) and a short text body.</summary>
    public FeedServer Status(string path, int status, string? retryAfter = null, string? body = null) => Handle(path, async ctx =>
    {
        ctx.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            ctx.Response.Headers.RetryAfter = retryAfter;
        }
        if (body is not null)
        {
            ctx.Response.ContentType = "text/plain; charset=utf-8";
            await ctx.Response.WriteAsync(body, ctx.RequestAborted);
        }
    });

    /// <summary>Waits <paramref name="delay"/> before answering with <paramref name="then"/> (default: a tiny feed).</summary>
    public FeedServer Delay(string path, TimeSpan delay, RequestDelegate? then = null) => Handle(path, async ctx =>
    {
        await Task.Delay(delay, ctx.RequestAborted);
        if (then is not null)
        {
            await then(ctx);
            return;
        }
        ctx.Response.ContentType = "application/rss+xml";
        await ctx.Response.WriteAsync("<rss version=\"2.0\"><channel><title>slow</title></channel></rss>", ctx.RequestAborted);
    });

    /// <summary>Aborts the connection without a response (the client sees a reset or a premature end).</summary>
    public FeedServer Reset(string path) => Handle(path, ctx =>
    {
        ctx.Abort();
        return Task.CompletedTask;
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task DispatchAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "/";
        var stats = Stats(path);
        stats.Enter(ctx.Request.Headers);
        var counting = new CountingStream(ctx.Response.Body, stats);
        ctx.Response.Body = counting;
        try
        {
            if (_routes.TryGetValue(path, out var handler))
            {
                await handler(ctx);
            }
            else
            {
                ctx.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException || ctx.RequestAborted.IsCancellationRequested)
        {
            // The client went away (it cut a huge body or timed out): expected for the hostile routes.
        }
        finally
        {
            stats.Leave();
        }
    }

    private RouteStats Stats(string path) => _stats.GetOrAdd(Normalize(path), _ => new RouteStats());

    private static string Normalize(string path) => path.StartsWith('/') ? path : "/" + path;

    private static bool IsNotModified(HttpRequest request, string etag, DateTimeOffset modified)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            return ifNoneMatch.Split(',').Select(t => t.Trim()).Any(t => t == etag || t == "*" || t == "W/" + etag);
        }
        return DateTimeOffset.TryParse(request.Headers.IfModifiedSince.ToString(), out var since) && modified <= since;
    }

    private static byte[] Compress(byte[] body, string coding)
    {
        using var output = new MemoryStream();
        using (Stream encoder = coding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "br" => new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true),
            _ => throw new ArgumentException($"unknown content coding '{coding}'", nameof(coding)),
        })
        {
            encoder.Write(body);
        }
        return output.ToArray();
    }

    private static async Task WriteZerosAsync(Stream target, long total, CancellationToken ct)
    {
        var chunk = new byte[64 * 1024];
        for (long sent = 0; sent < total && !ct.IsCancellationRequested; sent += chunk.Length)
        {
            var n = (int)Math.Min(chunk.Length, total - sent);
            await target.WriteAsync(chunk.AsMemory(0, n), ct);
        }
    }

    private sealed class RouteStats
    {
        private int _requests;
        private int _inFlight;
        private int _maxConcurrent;
        private long _bytesSent;

        public int Requests => Volatile.Read(ref _requests);
        public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);
        public long BytesSent => Interlocked.Read(ref _bytesSent);
        public IHeaderDictionary? LastHeaders { get; private set; }

        public void Enter(IHeaderDictionary headers)
        {
            LastHeaders = new HeaderDictionary(headers.ToDictionary(h => h.Key, h => h.Value));
            Interlocked.Increment(ref _requests);
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _maxConcurrent)) && Interlocked.CompareExchange(ref _maxConcurrent, now, seen) != seen)
            {
            }
        }

        public void Leave() => Interlocked.Decrement(ref _inFlight);

        public void AddBytes(int n) => Interlocked.Add(ref _bytesSent, n);
    }

    /// <summary>Counts what a route writes to the response body.</summary>
    private sealed class CountingStream(Stream inner, RouteStats stats) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            stats.AddBytes(count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            stats.AddBytes(buffer.Length);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
