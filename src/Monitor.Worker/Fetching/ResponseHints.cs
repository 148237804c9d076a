using System.Net.Http.Headers;

namespace Monitor.Worker.Fetching;

/// <summary>Reads the scheduling hints a response carries: Retry-After and freshness (Cache-Control max-age, Expires).</summary>
internal static class ResponseHints
{
    /// <summary>Retry-After as a wait from <paramref name="now"/> (delta seconds or an HTTP date), clamped to [0, max].</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now, TimeSpan max)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - (response.Headers.Date ?? now),
            _ => null,
        };
        return wait is null ? null : Clamp(wait.Value, max);
    }

    /// <summary>max-age (s-maxage ignored: we are not a shared cache), else Expires minus Date; null when absent or no-store.</summary>
    public static TimeSpan? CacheMaxAge(HttpResponseMessage response, DateTimeOffset now)
    {
        CacheControlHeaderValue? cc = response.Headers.CacheControl;
        if (cc is { NoStore: true })
        {
            return null;
        }
        if (cc?.MaxAge is { } maxAge)
        {
            return maxAge;
        }
        if (response.Content.Headers.Expires is { } expires)
        {
            var left = expires - (response.Headers.Date ?? now);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
        return null;
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan max) =>
        value < TimeSpan.Zero ? TimeSpan.Zero : value > max ? max : value;
}
