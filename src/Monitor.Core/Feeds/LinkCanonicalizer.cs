using System.Text;

namespace Monitor.Core.Feeds;

/// <summary>
/// One spelling per link so the same article is recognised across polls and sources: absolute, scheme and host in lower
/// case, default port dropped, fragment dropped, tracking parameters (utm_*, fbclid, gclid...) removed, the remaining
/// query kept in its order (order can matter to the server).
/// </summary>
public static class LinkCanonicalizer
{
    private static readonly HashSet<string> TrackingKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl",
        "twclid", "ttclid", "li_fat_id", "wt.mc_id", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id",
    };

    /// <summary>The canonical form, or null for an empty link. A relative link with no base is returned trimmed, as written.</summary>
    public static string? Canonicalize(string? link, Uri? baseUri)
    {
        if (string.IsNullOrWhiteSpace(link)) return null;
        var uri = Links.Resolve(link, baseUri);
        if (uri is null) return link.Trim();
        // Script-bearing schemes are never a link we would show or follow.
        if (uri.Scheme is "javascript" or "vbscript" or "data") return null;
        if (uri.Scheme is not ("http" or "https")) return uri.OriginalString.Trim();

        var sb = new StringBuilder(link.Length);
        sb.Append(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));
        var query = uri.Query;
        if (query.Length > 1)
        {
            var first = true;
            foreach (var pair in query[1..].Split('&'))
            {
                if (pair.Length == 0) continue;
                var eq = pair.IndexOf('=');
                var key = eq < 0 ? pair : pair[..eq];
                if (IsTracking(key)) continue;
                sb.Append(first ? '?' : '&').Append(pair);
                first = false;
            }
        }
        return sb.ToString();
    }

    private static bool IsTracking(string key) =>
        key.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || TrackingKeys.Contains(key);
}
