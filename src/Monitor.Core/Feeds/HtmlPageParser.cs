using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Monitor.Core.Feeds;

/// <summary>CSS selectors that read an HTML page as a list of entries: <see cref="Item"/> selects each entry; the others
/// are evaluated inside it (Link takes the href of the matched element or of its first a[href]).</summary>
public sealed record HtmlSelectors(string Item, string Title, string Link, string? Date, string? Summary);

/// <summary>An HTML page without a feed (coalition statement pages) read into entries with configured CSS selectors.</summary>
public static class HtmlPageParser
{
    public static ParseResult Parse(byte[] content, HtmlSelectors selectors, FeedParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        ArgumentNullException.ThrowIfNull(options);
        if (content is null || content.Length == 0) return ParseResult.Failure(ParseErrorKind.Empty, "the page is empty");
        var warnings = new List<string>();
        var decoded = FeedEncoding.Decode(content, options.ContentType);
        if (decoded.Warning is not null) warnings.Add(decoded.Warning);
        var doc = new HtmlParser().ParseDocument(decoded.Text);

        var baseUri = options.BaseUri;
        if (doc.QuerySelector("base[href]")?.GetAttribute("href") is { } baseHref && Links.Resolve(baseHref, baseUri) is { } b) baseUri = b;

        IHtmlCollection<IElement> items;
        try { items = doc.QuerySelectorAll(selectors.Item); }
        catch (AngleSharp.Dom.DomException ex) { return ParseResult.Failure(ParseErrorKind.NotAFeed, $"item selector '{selectors.Item}' is invalid: {ex.Message}"); }
        if (items.Length == 0) return ParseResult.Failure(ParseErrorKind.NotAFeed, $"no element matches the item selector '{selectors.Item}'");

        var entries = new List<FeedEntry>();
        var undated = 0;
        foreach (var item in items)
        {
            if (entries.Count >= options.MaxEntries) { warnings.Add($"{items.Length - entries.Count} items beyond the limit of {options.MaxEntries} were dropped"); break; }
            var entry = ReadItem(item, selectors, baseUri, options, warnings);
            if (entry is null) continue;
            if (entry.DateIsFallback) undated++;
            entries.Add(entry);
        }
        if (undated > 0 && selectors.Date is not null) warnings.Add($"{undated} items have no readable date: the fetch time stands in");
        var title = doc.Title is { Length: > 0 } t ? HtmlText.ToText(t) : null;
        var document = new FeedDocument(FeedFormat.Html, title, baseUri?.ToString(), null, doc.DocumentElement.GetAttribute("lang"), null, entries, warnings);
        return ParseResult.Success(document);
    }

    private static FeedEntry? ReadItem(IElement item, HtmlSelectors s, Uri? baseUri, FeedParseOptions options, List<string> warnings)
    {
        var titleEl = Select(item, s.Title, warnings);
        var linkEl = Select(item, s.Link, warnings);
        var href = linkEl?.GetAttribute("href") ?? linkEl?.QuerySelector("a[href]")?.GetAttribute("href");
        var title = titleEl is null ? null : HtmlText.ToText(titleEl.InnerHtml);
        if (string.IsNullOrWhiteSpace(title) && href is null) return null;

        DateTimeOffset? published = null;
        if (s.Date is not null && Select(item, s.Date, warnings) is { } dateEl)
        {
            var dateText = dateEl.GetAttribute("datetime") ?? dateEl.TextContent;
            if (FeedDateParser.TryParse(dateText.Trim(), options.DefaultZone, options.FetchedAt, out var utc)) published = utc;
        }
        var summaryEl = s.Summary is null ? null : Select(item, s.Summary, warnings);
        var html = summaryEl?.InnerHtml;
        return new FeedEntry
        {
            Link = LinkCanonicalizer.Canonicalize(href, baseUri),
            Title = string.IsNullOrWhiteSpace(title) ? null : title,
            Text = html is null ? "" : HtmlText.ToText(html),
            Html = html is null ? null : HtmlText.Sanitize(html, baseUri),
            Published = published ?? options.FetchedAt,
            DateIsFallback = published is null,
        };
    }

    private static IElement? Select(IElement scope, string selector, List<string> warnings)
    {
        try { return scope.Matches(selector) ? scope : scope.QuerySelector(selector); }
        catch (AngleSharp.Dom.DomException ex)
        {
            var message = $"selector '{selector}' is invalid: {ex.Message}";
            if (!warnings.Contains(message)) warnings.Add(message);
            return null;
        }
    }
}
