using Monitor.Worker.Fetching;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Fetching;

/// <summary>Risk: a moved feed polled at its old address forever, or a redirect loop that never ends.</summary>
public sealed class RedirectTests
{
    private const string Feed = "<rss version=\"2.0\"><channel><title>moved</title></channel></rss>";

    [Theory]
    [InlineData(301)]
    [InlineData(308)]
    public async Task Permanent_redirect_is_followed_and_reported_for_storing(int status)
    {
        await using var server = await FeedServer.StartAsync();
        server.Redirect("/old", "/new", status).Content("/new", Feed);
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(server.Url("/old"));

        Assert.Equal(FetchStatus.Content, result.Status);
        Assert.Equal(server.Url("/new"), result.FinalUrl);
        Assert.Equal(server.Url("/new"), result.PermanentRedirect);
        Assert.Equal(1, server.RequestCount("/new"));
    }

    [Theory]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    public async Task Temporary_redirect_is_followed_but_not_stored(int status)
    {
        await using var server = await FeedServer.StartAsync();
        server.Redirect("/feed", server.Url("/today").ToString(), status).Content("/today", Feed);
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(server.Url("/feed"));

        Assert.Equal(FetchStatus.Content, result.Status);
        Assert.Equal(server.Url("/today"), result.FinalUrl);
        Assert.Null(result.PermanentRedirect);
    }

    [Fact]
    public async Task Permanent_move_is_only_as_far_as_the_chain_is_unbroken()
    {
        await using var server = await FeedServer.StartAsync();
        server.Redirect("/a", "/b", 301).Redirect("/b", "/c", 302).Redirect("/c", "/d", 301).Content("/d", Feed);
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(server.Url("/a"));

        Assert.Equal(server.Url("/d"), result.FinalUrl);
        Assert.Equal(server.Url("/b"), result.PermanentRedirect);
    }

    [Fact]
    public async Task Redirect_loop_is_stopped_with_the_loop_in_the_message()
    {
        await using var server = await FeedServer.StartAsync();
        server.Redirect("/ping", "/pong", 302).Redirect("/pong", "/ping", 302);
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(server.Url("/ping"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(FetchErrorKind.TooManyRedirects, result.ErrorKind);
        Assert.StartsWith("redirect loop:", result.Error);
        Assert.Contains("/pong", result.Error);
        Assert.Null(result.PermanentRedirect);
        Assert.Equal(1, server.RequestCount("/ping"));
    }

    [Fact]
    public async Task Endless_chain_of_new_urls_stops_at_the_redirect_limit()
    {
        await using var server = await FeedServer.StartAsync();
        for (var i = 0; i < 20; i++)
        {
            server.Redirect($"/hop{i}", $"/hop{i + 1}", 301);
        }
        using var fetcher = new TestFetcher(o => o.MaxRedirects = 3);

        var result = await fetcher.FetchAsync(server.Url("/hop0"));

        Assert.Equal(FetchErrorKind.TooManyRedirects, result.ErrorKind);
        Assert.Contains("more than 3 redirects", result.Error);
        Assert.Equal(0, server.RequestCount("/hop5"));
    }

    [Fact]
    public async Task Redirect_to_a_non_http_scheme_is_refused()
    {
        await using var server = await FeedServer.StartAsync();
        server.Redirect("/feed", "file:///etc/passwd", 302);
        using var fetcher = new TestFetcher();

        var result = await fetcher.FetchAsync(server.Url("/feed"));

        Assert.Equal(FetchErrorKind.Protocol, result.ErrorKind);
        Assert.Contains("unsupported URL", result.Error);
    }
}
