using System.Text.Json;
using Monitor.Worker.Cli;
using Monitor.Worker.Configuration;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Web.Admin;

/// <summary>
/// The web's test-fetch: the same reader and the same <see cref="FeedReport"/> as <c>feed test</c>, but only for
/// http(s) URLs (never a server file) and through the SSRF guard unless the operator's setting relaxes it.
/// </summary>
internal static class SourceTester
{
    public static async Task<(FeedReport? Feed, string? Error)> TestAsync(FeedReader reader, string url, string? selectors, bool blockPrivate, DateTimeOffset now, CancellationToken ct)
    {
        if (!MonitorOptionsValidator.IsHttpUrl(url)) return (null, $"\"{url}\" is not an absolute http(s) URL");
        string? selectorsJson = null;
        if (selectors is not null)
        {
            var spec = selectors.Split('|');
            if (spec.Length < 3) return (null, "selectors need at least item|title|link");
            selectorsJson = JsonSerializer.Serialize(new HtmlSelectorOptions
                { Item = spec[0], Title = spec[1], Link = spec[2], Date = spec.ElementAtOrDefault(3), Summary = spec.ElementAtOrDefault(4) },
                StoredJsonContext.Default.HtmlSelectorOptions);
        }
        var source = new SourceRecord { Id = "web-test", Name = url, Url = url, Type = selectorsJson is null ? "feed" : "html", SelectorsJson = selectorsJson };
        var read = await reader.ReadAsync(source, conditional: false, blockPrivate, now, ct);
        return read.Error is not null ? (null, read.Error) : (FeedReport.From(read.Parse!.Document!, read.DiscoveredFeed), null);
    }
}
