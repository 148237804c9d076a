using System.Net;
using Monitor.Worker.Fetching;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Fetching;

/// <summary>Risk: an operator-added source URL used to reach the machine's own or its network's private services.</summary>
public sealed class SsrfGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.5.6.7", "loopback")]
    [InlineData("10.1.2.3", "private 10.0.0.0/8")]
    [InlineData("172.16.0.1", "private 172.16.0.0/12")]
    [InlineData("172.31.255.255", "private 172.16.0.0/12")]
    [InlineData("192.168.1.1", "private 192.168.0.0/16")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("::1", "loopback ::1")]
    [InlineData("::", "unspecified")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("fd12:3456::1", "unique-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("64:ff9b::a00:1", "private 10.0.0.0/8")]
    public void Non_public_addresses_are_refused(string address, string reason)
    {
        Assert.Contains(reason, AddressPolicy.WhyBlocked(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("185.60.216.35")]
    [InlineData("2a00:1450:4001:80b::200e")]
    public void Public_addresses_pass(string address)
    {
        Assert.Null(AddressPolicy.WhyBlocked(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Guard_on_blocks_loopback_by_literal_and_by_hostname(string host)
    {
        await using var server = await FeedServer.StartAsync();
        server.Content("/feed", "<rss/>");
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(server.Url("/feed", host), blockPrivate: true);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(FetchErrorKind.Blocked, result.ErrorKind);
        Assert.Contains($"{host} resolves to 127.0.0.1 (loopback 127.0.0.0/8)", result.Error);
        Assert.Equal(0, server.RequestCount("/feed"));
    }

    [Fact]
    public async Task Guard_on_blocks_an_ipv6_loopback_literal()
    {
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(new Uri("http://[::1]:8080/feed"), blockPrivate: true);

        Assert.Equal(FetchErrorKind.Blocked, result.ErrorKind);
        Assert.Contains("loopback ::1", result.Error);
    }

    [Fact]
    public async Task Guard_off_allows_loopback()
    {
        await using var server = await FeedServer.StartAsync();
        server.Content("/feed", "<rss/>");
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(server.Url("/feed", "localhost"), blockPrivate: false);

        Assert.Equal(FetchStatus.Content, result.Status);
    }

    [Fact]
    public async Task Global_setting_forces_the_guard_for_every_request()
    {
        await using var server = await FeedServer.StartAsync();
        server.Content("/feed", "<rss/>");
        using var fetcher = new TestFetcher(o => o.BlockPrivateAddresses = true);

        var result = await fetcher.FetchAsync(server.Url("/feed"), blockPrivate: false);

        Assert.Equal(FetchErrorKind.Blocked, result.ErrorKind);
    }

    [Fact]
    public async Task Connection_opened_without_the_guard_is_not_reused_by_a_guarded_request()
    {
        await using var server = await FeedServer.StartAsync();
        server.Content("/feed", "<rss/>");
        using var fetcher = new TestFetcher();

        var open = await fetcher.FetchAsync(server.Url("/feed"), blockPrivate: false);
        var guarded = await fetcher.FetchAsync(server.Url("/feed"), blockPrivate: true);

        Assert.Equal(FetchStatus.Content, open.Status);
        Assert.Equal(FetchErrorKind.Blocked, guarded.ErrorKind);
        Assert.Equal(1, server.RequestCount("/feed"));
    }
}
