using System.Net;
using System.Net.Sockets;
using Monitor.Worker.Fetching;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Fetching;

/// <summary>Risk: network failures escaping as exceptions, or recorded as one vague "error" an operator cannot act on.</summary>
public sealed class NetworkErrorTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Unresolvable_host_is_a_dns_failure(bool guarded)
    {
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(new Uri("http://nonexistent.invalid/feed.xml"), blockPrivate: guarded);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(FetchErrorKind.Dns, result.ErrorKind);
        Assert.StartsWith("DNS lookup of nonexistent.invalid failed", result.Error);
    }

    [Fact]
    public async Task Closed_port_is_connection_refused()
    {
        var port = Monitor.Tests.Shared.LoopbackPort.Free();
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(new Uri($"http://127.0.0.1:{port}/feed"));

        Assert.Equal(FetchErrorKind.ConnectionRefused, result.ErrorKind);
        Assert.Equal($"connection refused by 127.0.0.1:{port} (nothing listening)", result.Error);
    }

    [Fact]
    public async Task Https_to_a_plain_http_server_is_a_tls_failure()
    {
        await using var server = await FeedServer.StartAsync();
        server.Content("/feed", "<rss/>");
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(new Uri($"https://127.0.0.1:{server.Port}/feed"));

        Assert.Equal(FetchErrorKind.Tls, result.ErrorKind);
        Assert.StartsWith($"TLS handshake with 127.0.0.1:{server.Port} failed", result.Error);
    }

    [Fact]
    public async Task Unsupported_scheme_is_refused_without_a_request()
    {
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(new Uri("ftp://example.org/feed.xml"));

        Assert.Equal(FetchErrorKind.Protocol, result.ErrorKind);
        Assert.Contains("unsupported URL scheme 'ftp'", result.Error);
    }
}
