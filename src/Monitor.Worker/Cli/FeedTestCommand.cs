using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Cli;

/// <summary>
/// <c>feed test URL|FILE [--json]</c>: fetch (or read) and parse one source and print what the reader sees. It never
/// crashes on bad input: a clear message and exit code 2.
/// </summary>
public static class FeedTestCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("url-or-file") { Description = "An http(s) URL or a local file" };
        var json = CliOptions.Json();
        var html = new Option<string?>("--selectors") { Description = "Read an HTML page with CSS selectors: item|title|link[|date[|summary]]" };
        var command = new Command("test", "Fetch and parse one feed and show what the reader sees");
        command.Arguments.Add(target);
        command.Options.Add(json);
        command.Options.Add(html);
        command.SetAction((parse, ct) => CommandHost.WithServicesAsync(parse, async (services, token) =>
        {
            var report = await ReadAsync(services, parse.GetValue(target)!, parse.GetValue(html), token);
            if (report.Error is not null)
            {
                if (parse.GetValue(json)) JsonOutput.Write(new CommandError(report.Error));
                Console.Error.WriteLine($"error: {report.Error}");
                return CommandHost.ExitUsage;
            }
            if (parse.GetValue(json)) JsonOutput.Write(report.Feed!);
            else FeedReport.WriteText(report.Feed!, Console.Out);
            return CommandHost.ExitOk;
        }, ct, seed: false));
        return command;
    }

    public static async Task<(FeedReport? Feed, string? Error)> ReadAsync(IServiceProvider services, string target, string? selectors, CancellationToken ct)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var spec = selectors?.Split('|');
        string? selectorsJson = spec is { Length: >= 3 }
            ? System.Text.Json.JsonSerializer.Serialize(new Configuration.HtmlSelectorOptions
                { Item = spec[0], Title = spec[1], Link = spec[2], Date = spec.ElementAtOrDefault(3), Summary = spec.ElementAtOrDefault(4) },
                Storage.StoredJsonContext.Default.HtmlSelectorOptions)
            : null;
        if (selectors is not null && selectorsJson is null) return (null, "--selectors needs at least item|title|link");

        if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            var source = new SourceRecord
            {
                Id = "feed-test", Name = target, Url = target, Type = selectorsJson is null ? "feed" : "html", SelectorsJson = selectorsJson,
            };
            var read = await services.GetRequiredService<FeedReader>().ReadAsync(source, conditional: false, blockPrivate: false, now, ct);
            if (read.Error is not null) return (null, read.Error);
            return (FeedReport.From(read.Parse!.Document!, read.DiscoveredFeed), null);
        }
        if (!File.Exists(target)) return (null, $"{target}: not an http(s) URL and no such file");
        byte[] bytes;
        try { bytes = await File.ReadAllBytesAsync(target, ct); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return (null, $"{target}: {ex.Message}"); }
        var options = new FeedParseOptions { BaseUri = new Uri(Path.GetFullPath(target)), FetchedAt = now };
        var parsed = spec is { Length: >= 3 }
            ? HtmlPageParser.Parse(bytes, new HtmlSelectors(spec[0], spec[1], spec[2], spec.ElementAtOrDefault(3), spec.ElementAtOrDefault(4)), options)
            : FeedParser.Parse(bytes, options);
        return parsed.IsSuccess ? (FeedReport.From(parsed.Document!, null), null) : (null, $"{target}: {parsed.Error}");
    }
}

/// <summary>The shape `feed test --json` prints (and the admin page's test-fetch shows).</summary>
public sealed record FeedReport(string? Title, string? Link, string Format, bool Malformed, string? DiscoveredFeed, IReadOnlyList<string> Warnings, IReadOnlyList<FeedReportItem> Items)
{
    public static FeedReport From(FeedDocument d, Uri? discovered) => new(
        d.Title, d.Link, d.Format.ToString().ToLowerInvariant(), d.IsMalformed, discovered?.ToString(), d.Warnings,
        d.Entries.Select(e => new FeedReportItem(EntryIdentity.Key(e), e.Title, e.Link, JsonOutput.Utc(e.Published), e.DateIsFallback, e.Text)).ToList());

    public static void WriteText(FeedReport r, TextWriter w)
    {
        w.WriteLine($"{r.Title} <{r.Link}>  format: {r.Format}{(r.Malformed ? " (malformed, recovered)" : "")}");
        if (r.DiscoveredFeed is not null) w.WriteLine($"feed found by autodiscovery: {r.DiscoveredFeed}");
        foreach (var warning in r.Warnings) w.WriteLine($"warning: {warning}");
        w.WriteLine($"{r.Items.Count} items");
        foreach (var i in r.Items)
        {
            w.WriteLine($"- {i.Published ?? "(no date)"}{(i.DateIsFallback ? " (fetch time)" : "")}  {i.Title}");
            w.WriteLine($"  {i.Link}");
            var text = i.Text.ReplaceLineEndings(" ");
            w.WriteLine($"  {(text.Length > 160 ? text[..160] + "…" : text)}");
        }
    }
}

public sealed record FeedReportItem(string Id, string? Title, string? Link, string? Published, bool DateIsFallback, string Text);
