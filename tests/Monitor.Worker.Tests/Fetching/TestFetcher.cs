using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;
using Monitor.Worker.Fetching;

namespace Monitor.Worker.Tests.Fetching;

/// <summary>A real <see cref="HttpFeedFetcher"/> with short limits so hostile-server tests stay fast.</summary>
internal sealed class TestFetcher : IDisposable
{
    private readonly FetchHttpClients _clients = new();
    private readonly FetchMetrics _metrics = new();

    public TestFetcher(Action<FetchOptions>? configure = null, TimeProvider? time = null)
    {
        Options = new FetchOptions
        {
            Timeout = TimeSpan.FromSeconds(5),
            StallTimeout = TimeSpan.FromSeconds(2),
            MaxBodyBytes = 1024 * 1024,
            UserAgent = "Monitor-Test/1.0 (news monitoring)",
        };
        configure?.Invoke(Options);
        Time = time ?? TimeProvider.System;
        Throttle = new HostThrottle(Options.MaxConcurrency, Options.PerHostConcurrency, Time);
        Fetcher = new HttpFeedFetcher(_clients, Throttle, Microsoft.Extensions.Options.Options.Create(new MonitorOptions { Fetch = Options }),
            Time, _metrics);
    }

    public FetchOptions Options { get; }
    public TimeProvider Time { get; }
    public HostThrottle Throttle { get; }
    public HttpFeedFetcher Fetcher { get; }

    public Task<FetchResult> FetchAsync(Uri url, string? etag = null, string? lastModified = null, bool blockPrivate = false) =>
        Fetcher.FetchAsync(new FetchRequest(url, etag, lastModified, blockPrivate), CancellationToken.None);

    public void Dispose()
    {
        _clients.Dispose();
        _metrics.Dispose();
    }
}
