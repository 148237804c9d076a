using System.Net;

namespace Monitor.Worker.Fetching;

/// <summary>
/// The two long-lived clients the fetcher uses: one open, one behind the SSRF guard. They are separate handlers (and so
/// separate connection pools) because a pooled connection opened for an unguarded request must never be reused for a
/// guarded one.
/// </summary>
public sealed class FetchHttpClients : IDisposable
{
    public FetchHttpClients()
    {
        Open = new HttpClient(CreateHandler(guarded: false), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        Guarded = new HttpClient(CreateHandler(guarded: true), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public HttpClient Open { get; }
    public HttpClient Guarded { get; }

    public HttpClient For(bool blockPrivateAddresses) => blockPrivateAddresses ? Guarded : Open;

    public void Dispose()
    {
        Open.Dispose();
        Guarded.Dispose();
    }

    private static SocketsHttpHandler CreateHandler(bool guarded)
    {
        var handler = new SocketsHttpHandler
        {
            // Bodies are decoded before the size limit counts them, so a gzip bomb is cut at the limit.
            AutomaticDecompression = DecompressionMethods.All,
            // Redirects are followed by the fetcher so 301/308 permanence is seen and each hop is throttled and guarded.
            AllowAutoRedirect = false,
            UseCookies = false,
            // A proxy would make the guard check the proxy's address instead of the destination's.
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(15),
            MaxResponseHeadersLength = 64,
        };
        if (guarded)
        {
            handler.ConnectCallback = GuardedConnector.ConnectAsync;
        }
        return handler;
    }
}
