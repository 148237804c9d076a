using System.Text.Json;
using Monitor.Core.Feeds;
using Monitor.Worker.Configuration;
using Monitor.Worker.Fetching;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// Fetch and parse for one source: a feed, an HTML page read with selectors, or an HTML page that names its feed
/// (autodiscovery). Returns what was read, or a specific error; used by the poller and by <c>feed test</c>.
/// The bodies count against the <see cref="BodyMemoryBudget"/> until they are parsed: the parse result is all that
/// leaves this class.
/// </summary>
public sealed class FeedReader(IFeedFetcher fetcher, BodyMemoryBudget budget)
{
    public async Task<FeedReadResult> ReadAsync(SourceRecord source, bool conditional, bool blockPrivate, DateTimeOffset now, CancellationToken ct)
    {
        using var ticket = budget.Open();
        var request = new FetchRequest(new Uri(source.Url), conditional ? source.ETag : null, conditional ? source.LastModified : null,
            blockPrivate, ticket);
        var fetch = await fetcher.FetchAsync(request, ct);
        if (fetch.Status != FetchStatus.Content) return Result(fetch, null, null);

        var parseOptions = new FeedParseOptions
        {
            ContentType = fetch.ContentType, BaseUri = fetch.FinalUrl, FetchedAt = now,
            DefaultZone = TimeZoneInfo.TryFindSystemTimeZoneById(source.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc,
        };
        if (source.Type == "html")
        {
            var selectors = SelectorsOf(source);
            return selectors is null
                ? Result(fetch, ParseResult.Failure(ParseErrorKind.NotAFeed, $"source {source.Id} is of type html but has no selectors"), null)
                : Result(fetch, HtmlPageParser.Parse(fetch.Body, selectors, parseOptions), null);
        }

        var parsed = FeedParser.Parse(fetch.Body, parseOptions);
        if (parsed.IsSuccess || !FeedSniffer.LooksLikeHtml(fetch.Body)) return Result(fetch, parsed, null);

        // An HTML page where a feed was expected: follow its <link rel="alternate"> to the feed it names.
        var discovered = FeedAutodiscovery.FindFeeds(fetch.Body, fetch.ContentType, fetch.FinalUrl);
        if (discovered.Count == 0)
            return Result(fetch, ParseResult.Failure(ParseErrorKind.NotAFeed, $"{fetch.FinalUrl} is an HTML page that names no feed"), null);
        var feedFetch = await fetcher.FetchAsync(new FetchRequest(discovered[0], null, null, blockPrivate, ticket), ct);
        if (feedFetch.Status != FetchStatus.Content) return Result(feedFetch, null, discovered[0]);
        var feedParsed = FeedParser.Parse(feedFetch.Body, parseOptions with { ContentType = feedFetch.ContentType, BaseUri = feedFetch.FinalUrl });
        return Result(feedFetch, feedParsed, discovered[0]);
    }

    /// <summary>The body stays here: once parsed it is released with the ticket, so the poll that goes on to ingest does
    /// not keep it alive outside the budget.</summary>
    private static FeedReadResult Result(FetchResult fetch, ParseResult? parse, Uri? discovered) =>
        new(fetch.Body.Length == 0 ? fetch : fetch with { Body = [] }, parse, discovered);

    private static HtmlSelectors? SelectorsOf(SourceRecord source)
    {
        if (string.IsNullOrEmpty(source.SelectorsJson)) return null;
        var o = JsonSerializer.Deserialize(source.SelectorsJson, StoredJsonContext.Default.HtmlSelectorOptions);
        return o is null ? null : new HtmlSelectors(o.Item, o.Title, o.Link, o.Date, o.Summary);
    }
}

/// <summary>The fetch, the parse (null when the fetch brought no content), and the feed URL found by autodiscovery.</summary>
public sealed record FeedReadResult(FetchResult Fetch, ParseResult? Parse, Uri? DiscoveredFeed)
{
    public string? Error => Fetch.Status == FetchStatus.Failed ? Fetch.Error : Parse is { IsSuccess: false } p ? p.Error!.ToString() : null;
}
