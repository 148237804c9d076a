using System.Globalization;

namespace Monitor.Core.Feeds;

/// <summary>Turns the strings the walk collected into the model: clean text, sanitised HTML, UTC dates, canonical links.</summary>
internal static class FeedDocumentBuilder
{
    public static FeedDocument Build(RawFeed raw, FeedParseOptions options, List<string> warnings)
    {
        var entries = new List<FeedEntry>(raw.Entries.Count);
        var undated = 0;
        foreach (var e in raw.Entries)
        {
            var entry = BuildEntry(e, options);
            if (entry.DateIsFallback) undated++;
            entries.Add(entry);
        }
        if (undated > 0) warnings.Add($"{undated} entries have no readable date: the fetch time stands in");

        TimeSpan? ttl = int.TryParse(raw.Ttl, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
            ? TimeSpan.FromMinutes(minutes) : null;
        return new FeedDocument(
            raw.Format,
            TextOf(raw.Title, raw.TitleIsHtml),
            LinkCanonicalizer.Canonicalize(raw.Link, raw.Base),
            raw.Description is null ? null : Blank(HtmlText.ToText(raw.Description)),
            Blank(raw.Language?.Trim()),
            ttl,
            entries,
            warnings);
    }

    private static FeedEntry BuildEntry(RawEntry e, FeedParseOptions options)
    {
        var link = e.Link;
        // RSS: a guid is the permalink unless it says isPermaLink="false".
        if (link is null && e.GuidIsPermaLink == true && e.GuidText is { } g && LooksLikeUrl(g)) link = g;

        var html = !string.IsNullOrWhiteSpace(e.Content) ? e.Content : e.Summary;
        DateTimeOffset? published = ParseDate(e.Published, options);
        DateTimeOffset? updated = ParseDate(e.Updated, options);
        var fallback = published is null && updated is null;
        return new FeedEntry
        {
            Id = Blank(e.Id),
            Link = LinkCanonicalizer.Canonicalize(link, e.Base),
            Title = TextOf(e.Title, e.TitleIsHtml) ?? TextOf(e.MediaTitle, true),
            Text = html is null ? "" : HtmlText.ToText(html),
            Html = html is null ? null : HtmlText.Sanitize(html, e.Base),
            Author = Blank(e.Author is null ? null : HtmlText.ToText(e.Author)),
            Published = published ?? updated ?? options.FetchedAt,
            Updated = updated,
            DateIsFallback = fallback,
            Categories = e.Categories.Count == 0 ? [] : e.Categories.ToArray(),
            Enclosures = e.Enclosures.Count == 0 ? [] : e.Enclosures.ToArray(),
        };
    }

    private static DateTimeOffset? ParseDate(string? text, FeedParseOptions options) =>
        !string.IsNullOrWhiteSpace(text) && FeedDateParser.TryParse(text, options.DefaultZone, options.FetchedAt, out var utc) ? utc : null;

    private static string? TextOf(string? value, bool isHtml)
    {
        if (value is null) return null;
        var text = isHtml ? HtmlText.ToText(value) : value.Trim();
        return text.Length == 0 ? null : text;
    }

    private static bool LooksLikeUrl(string s) =>
        s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
