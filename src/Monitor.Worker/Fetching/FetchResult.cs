namespace Monitor.Worker.Fetching;

public enum FetchStatus
{
    /// <summary>A 2xx response whose body is in <see cref="FetchResult.Body"/>.</summary>
    Content,
    /// <summary>A 304: the stored copy is current; no body was transferred.</summary>
    NotModified,
    /// <summary>Anything else; <see cref="FetchResult.ErrorKind"/> and <see cref="FetchResult.Error"/> say what.</summary>
    Failed,
}

public enum FetchErrorKind
{
    Timeout,
    Stalled,
    TooLarge,
    HttpError,
    TooManyRedirects,
    Dns,
    Tls,
    ConnectionRefused,
    ConnectionReset,
    /// <summary>The SSRF guard refused the resolved address.</summary>
    Blocked,
    /// <summary>A 429, or the host is still inside a Retry-After window from an earlier answer.</summary>
    RateLimited,
    /// <summary>Malformed HTTP, an unsupported redirect target, a broken content encoding.</summary>
    Protocol,
}

/// <summary>
/// What one fetch produced, as a value: expected failures (HTTP errors, timeouts, limits, DNS, TLS) are results, not
/// exceptions, so a poll loop records them on the source and moves on.
/// </summary>
public sealed record FetchResult
{
    public required FetchStatus Status { get; init; }
    /// <summary>The decoded (decompressed) body; empty unless <see cref="Status"/> is Content.</summary>
    public byte[] Body { get; init; } = [];
    public string? ContentType { get; init; }
    /// <summary>The URL that answered, after redirects.</summary>
    public required Uri FinalUrl { get; init; }
    /// <summary>Set when the requested URL was moved by an unbroken chain of 301/308: the URL to store for the next poll.</summary>
    public Uri? PermanentRedirect { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public int? HttpStatus { get; init; }
    public FetchErrorKind? ErrorKind { get; init; }
    /// <summary>A specific, human message naming the host and the reason (only when Failed).</summary>
    public string? Error { get; init; }
    /// <summary>How long the host asked us to wait (Retry-After), or the remaining wait when we refused to ask.</summary>
    public TimeSpan? RetryAfter { get; init; }
    /// <summary>Freshness hint from Cache-Control max-age or Expires.</summary>
    public TimeSpan? CacheMaxAge { get; init; }
    public TimeSpan Elapsed { get; init; }
    /// <summary>Body bytes read after decompression (including any read past the limit before cutting).</summary>
    public long BytesRead { get; init; }

    public bool IsSuccess => Status is FetchStatus.Content or FetchStatus.NotModified;
}
