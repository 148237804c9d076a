namespace Monitor.Core.Digests;

/// <summary>
/// Links from feeds are untrusted: only absolute http/https URLs with a host survive, so <c>javascript:</c>,
/// <c>data:</c>, relative and malformed links are dropped rather than shown.
/// </summary>
public static class SafeLink
{
    public static string? Clean(string? candidate)
    {
        if (string.IsNullOrWhiteSpace(candidate)) return null;
        var trimmed = candidate.Trim();
        // A control character inside a URL is how header and attribute tricks start; a real feed link has none.
        if (trimmed.Any(char.IsControl)) return null;
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;
        if (string.IsNullOrEmpty(uri.Host)) return null;
        return uri.AbsoluteUri;
    }
}
