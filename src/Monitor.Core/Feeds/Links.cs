namespace Monitor.Core.Feeds;

/// <summary>Resolving possibly-relative references without throwing.</summary>
internal static class Links
{
    public static Uri? Resolve(string? reference, Uri? baseUri)
    {
        if (string.IsNullOrWhiteSpace(reference)) return null;
        var s = reference.Trim();
        // On Unix "/path" parses as an absolute file: URI; in a feed it is always host-relative.
        if (s[0] != '/' && s[0] != '\\' && Uri.TryCreate(s, UriKind.Absolute, out var abs) && abs.Scheme.Length > 1) return abs;
        if (baseUri is null || !baseUri.IsAbsoluteUri) return null;
        return Uri.TryCreate(baseUri, s, out var rel) ? rel : null;
    }
}
