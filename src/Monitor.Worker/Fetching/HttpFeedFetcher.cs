using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;

namespace Monitor.Worker.Fetching;

/// <summary>
/// Fetches a source over HTTP(S): conditional GET, decoded bodies under a size cap, manual redirects (so 301/308 are
/// seen and each hop is throttled and guarded), a total and a stall timeout, per-host politeness. Every expected
/// failure comes back as a <see cref="FetchResult"/>; only cancellation by the caller throws.
/// </summary>
public sealed class HttpFeedFetcher : IFeedFetcher
{
    private const string FeedAccept =
        "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.8, text/html;q=0.5, */*;q=0.1";

    private readonly FetchHttpClients _clients;
    private readonly HostThrottle _throttle;
    private readonly FetchOptions _options;
    private readonly TimeProvider _time;
    private readonly FetchMetrics _metrics;
    private readonly ILogger _logger;

    public HttpFeedFetcher(FetchHttpClients clients, HostThrottle throttle, IOptions<MonitorOptions> options, TimeProvider time,
        FetchMetrics metrics, ILogger<HttpFeedFetcher>? logger = null)
    {
        _clients = clients;
        _throttle = throttle;
        _options = options.Value.Fetch;
        _time = time;
        _metrics = metrics;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        var progress = new Progress(request.Url) { RequestETag = request.ETag, RequestLastModified = request.LastModified };
        FetchResult result;
        using (var total = new CancellationTokenSource(_options.Timeout, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, total.Token))
        {
            try
            {
                result = await FetchChainAsync(request, progress, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // Either our total timeout or the handler's connect timeout fired: both are a timeout for the operator.
                var what = progress.BytesRead > 0
                    ? $"body still arriving after {Sizes.Format(progress.BytesRead)}"
                    : progress.GotHeaders ? "no complete body" : "no response";
                result = Failed(progress, FetchErrorKind.Timeout, $"timed out after {Sizes.Seconds(_options.Timeout)} fetching {progress.Url.IdnHost} ({what})");
            }
        }

        result = result with { Elapsed = _time.GetElapsedTime(started) };
        _metrics.Record(result);
        _logger.LogDebug("Fetched {Url}: {Outcome} HTTP {Status} {Bytes} bytes in {Elapsed} ms {Error}",
            request.Url, FetchMetrics.Outcome(result), result.HttpStatus, result.BytesRead, (int)result.Elapsed.TotalMilliseconds, result.Error);
        return result;
    }

    private async Task<FetchResult> FetchChainAsync(FetchRequest request, Progress progress, CancellationToken ct)
    {
        if (!IsHttp(request.Url))
        {
            return Failed(progress, FetchErrorKind.Protocol, $"unsupported URL scheme '{request.Url.Scheme}' (only http and https are fetched)");
        }

        var client = _clients.For(request.BlockPrivateAddresses || _options.BlockPrivateAddresses);
        var visited = new List<Uri> { request.Url };
        var permanentSoFar = true;
        for (var hop = 0; ; hop++)
        {
            var url = progress.Url;
            var host = url.IdnHost;
            if (_throttle.BlockedFor(host) is { } left)
            {
                return Failed(progress, FetchErrorKind.RateLimited,
                    $"{host} asked us to wait (Retry-After); not contacting it for another {Math.Ceiling(left.TotalSeconds):0} s") with { RetryAfter = left };
            }

            using var lease = await _throttle.AcquireAsync(host, ct).ConfigureAwait(false);
            using var message = BuildRequest(url, request);
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                var (kind, text) = FetchErrors.ClassifySendError(ex, url);
                return Failed(progress, kind, text);
            }

            using (response)
            {
                progress.GotHeaders = true;
                progress.HttpStatus = (int)response.StatusCode;
                if (!IsRedirect(response.StatusCode))
                {
                    return await ReadResponseAsync(response, progress, request.Budget, ct).ConfigureAwait(false);
                }

                if (response.Headers.Location is not { } location)
                {
                    return Failed(progress, FetchErrorKind.Protocol, $"HTTP {(int)response.StatusCode} redirect from {host} without a Location header");
                }
                var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                if (!IsHttp(next))
                {
                    return Failed(progress, FetchErrorKind.Protocol, $"{host} redirected to an unsupported URL {next}");
                }
                if (visited.Contains(next))
                {
                    visited.Add(next);
                    return Failed(progress, FetchErrorKind.TooManyRedirects, $"redirect loop: {string.Join(" → ", visited)}");
                }
                if (hop >= _options.MaxRedirects)
                {
                    return Failed(progress, FetchErrorKind.TooManyRedirects,
                        $"more than {_options.MaxRedirects} redirects starting at {request.Url} (last: {next})");
                }

                // Only an unbroken chain of permanent moves from the requested URL makes a new URL to store.
                permanentSoFar &= response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.PermanentRedirect;
                if (permanentSoFar)
                {
                    progress.PermanentRedirect = next;
                }
                visited.Add(next);
                progress.Url = next;
            }
        }
    }

    private async Task<FetchResult> ReadResponseAsync(HttpResponseMessage response, Progress progress, BodyMemoryBudget.Ticket? budget, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var host = progress.Url.IdnHost;
        var cacheMaxAge = ResponseHints.CacheMaxAge(response, now);
        var etag = response.Headers.ETag?.ToString();
        var lastModified = response.Content.Headers.LastModified?.ToString("R");

        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return Success(progress, FetchStatus.NotModified, [], response) with
            {
                ETag = etag ?? progress.RequestETag,
                LastModified = lastModified ?? progress.RequestLastModified,
                CacheMaxAge = cacheMaxAge,
            };
        }

        if (!response.IsSuccessStatusCode)
        {
            var retryAfter = ResponseHints.RetryAfter(response, now, _options.MaxRetryAfter);
            var rateLimited = response.StatusCode == HttpStatusCode.TooManyRequests;
            if (rateLimited)
            {
                retryAfter ??= _options.DefaultRateLimitWait;
            }
            if (retryAfter is { } wait && (rateLimited || response.StatusCode == HttpStatusCode.ServiceUnavailable))
            {
                _throttle.Block(host, wait);
            }
            return Failed(progress, rateLimited ? FetchErrorKind.RateLimited : FetchErrorKind.HttpError,
                FetchErrors.HttpStatus(response, progress.Url, retryAfter)) with { RetryAfter = retryAfter, CacheMaxAge = cacheMaxAge };
        }

        // With automatic decompression the handler drops Content-Length of encoded bodies, so this is the decoded size.
        if (response.Content.Headers.ContentLength is { } declared && declared > _options.MaxBodyBytes)
        {
            return Failed(progress, FetchErrorKind.TooLarge,
                $"{host} declared a {Sizes.Format(declared)} body, over the {Sizes.Format(_options.MaxBodyBytes)} limit (not downloaded)");
        }

        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var body = await BodyReader.ReadAsync(stream, _options.MaxBodyBytes, _options.StallTimeout, _time, progress.OnBytes, budget, ct)
                .ConfigureAwait(false);
            if (body.ErrorKind is { } kind)
            {
                return Failed(progress, kind, $"{host}: {body.Error}");
            }
            return Success(progress, FetchStatus.Content, body.Body, response) with
            {
                ETag = etag,
                LastModified = lastModified,
                CacheMaxAge = cacheMaxAge,
            };
        }
    }

    private HttpRequestMessage BuildRequest(Uri url, FetchRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version11 };
        message.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        message.Headers.TryAddWithoutValidation("Accept", FeedAccept);
        if (!string.IsNullOrWhiteSpace(request.ETag))
        {
            message.Headers.TryAddWithoutValidation("If-None-Match", request.ETag);
        }
        if (!string.IsNullOrWhiteSpace(request.LastModified))
        {
            message.Headers.TryAddWithoutValidation("If-Modified-Since", request.LastModified);
        }
        return message;
    }

    private static FetchResult Success(Progress progress, FetchStatus status, byte[] body, HttpResponseMessage response) => new()
    {
        Status = status,
        Body = body,
        ContentType = response.Content.Headers.ContentType?.ToString(),
        FinalUrl = progress.Url,
        PermanentRedirect = progress.PermanentRedirect,
        HttpStatus = (int)response.StatusCode,
        BytesRead = progress.BytesRead,
    };

    private static FetchResult Failed(Progress progress, FetchErrorKind kind, string error) => new()
    {
        Status = FetchStatus.Failed,
        FinalUrl = progress.Url,
        HttpStatus = progress.HttpStatus,
        ErrorKind = kind,
        Error = error,
        BytesRead = progress.BytesRead,
    };

    private static bool IsHttp(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>Where a fetch has got to, so a timeout or failure can say how far it went.</summary>
    private sealed class Progress(Uri url)
    {
        private long _bytesRead;

        public Uri Url { get; set; } = url;
        public Uri? PermanentRedirect { get; set; }
        public int? HttpStatus { get; set; }
        public bool GotHeaders { get; set; }
        public string? RequestETag { get; init; }
        public string? RequestLastModified { get; init; }
        public long BytesRead => Interlocked.Read(ref _bytesRead);
        public void OnBytes(long total) => Interlocked.Exchange(ref _bytesRead, total);
    }
}
