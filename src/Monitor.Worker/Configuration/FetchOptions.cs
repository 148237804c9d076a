namespace Monitor.Worker.Configuration;

public sealed class FetchOptions
{
    /// <summary>Whole-request limit: connect, headers, redirects and body. A server trickling bytes never stalls, so this is what stops it.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Fail when the body delivers no byte for this long.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(20);
    /// <summary>Limit on the body after decompression (gzip bombs stop here).</summary>
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;
    /// <summary>Limit on the bodies of all fetches held in memory at once, from the first byte until parsed: a fetch
    /// that would pass it waits for others to finish (see <c>BodyMemoryBudget</c>). At least <see cref="MaxBodyBytes"/>.</summary>
    public long MaxBodyBytesInFlight { get; set; } = 64 * 1024 * 1024;
    public int MaxRedirects { get; set; } = 5;
    /// <summary>Requests in flight at once, all hosts together. Sized for waiting on slow publishers (a request waiting
    /// costs a socket): memory is bounded by <see cref="MaxBodyBytesInFlight"/>, each publisher's load by
    /// <see cref="PerHostConcurrency"/>. Keep Cluster:MaxConcurrency above it, or the job pool becomes the narrower gate.</summary>
    public int MaxConcurrency { get; set; } = 128;
    public int PerHostConcurrency { get; set; } = 2;
    public string UserAgent { get; set; } = "Monitor/1.0 (+https://github.com/; news monitoring)";
    /// <summary>After this many consecutive failures a source is reported unhealthy.</summary>
    public int UnhealthyAfterFailures { get; set; } = 5;
    /// <summary>Refuse private, loopback and link-local addresses (SSRF guard) for every source, whatever the request says.</summary>
    public bool BlockPrivateAddresses { get; set; }
    /// <summary>How long a host is left alone after a 429 that gave no Retry-After.</summary>
    public TimeSpan DefaultRateLimitWait { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Upper bound on a Retry-After a host may impose (a typo of a year must not silence a source forever).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(12);
    /// <summary>Poll no more often than this, whatever the feed's rhythm says.</summary>
    public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>Poll at least this often, whatever the feed's rhythm says (failures may back off up to <see cref="MaxBackoff"/>).</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromHours(6);
    /// <summary>Cap of the exponential backoff after consecutive failures.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(6);
    /// <summary>A source is "silent" after this many times its usual gap between entries without a new one.</summary>
    public double SilentFactor { get; set; } = 4;
}
