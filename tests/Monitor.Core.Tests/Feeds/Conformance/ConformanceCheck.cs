using System.Text.Json;
using Monitor.Core.Feeds;

namespace Monitor.Core.Tests.Feeds.Conformance;

/// <summary>One expectation from expected.jsonl, checked: which file, which field, pass or the reason it failed.</summary>
public sealed record ConformanceCheck(string File, string Source, string Field, bool Primary, bool Passed, string? Reason);

/// <summary>
/// Checks one expected.jsonl record against our parser. "Primary" fields are the ones Python feedparser's 97.8% was
/// measured on (feed title/link, item count, entry title/link/id/published); the rest are reported separately.
/// Comparison rules (README "Comparing results"): strings trimmed; a title the peer returns as HTML source passes
/// when its clean text equals ours (we return clean text by design); links are compared after canonicalisation
/// (we canonicalise by design: fragments and tracking parameters go); dates at one-second precision.
/// </summary>
public static class ConformanceEvaluator
{
    public static IEnumerable<ConformanceCheck> Evaluate(JsonElement rec, string corpusRoot)
    {
        var file = rec.GetProperty("file").GetString()!;
        var source = rec.GetProperty("source").GetString()!;
        var bytes = File.ReadAllBytes(Path.Combine(corpusRoot, file));
        var options = OptionsFor(rec);
        var result = FeedParser.Parse(bytes, options);
        var doc = result.Document;
        var checks = new List<ConformanceCheck>();
        void Add(string field, bool primary, bool ok, string? reason) => checks.Add(new(file, source, field, primary, ok, ok ? null : reason));

        if (rec.TryGetProperty("parse_error", out _))
        {
            Add("parse_error", true, !result.IsSuccess || doc!.Entries.Count == 0 && doc.Title is null,
                $"peer rejects the document; we parsed it as {doc?.Format}");
            return checks;
        }
        var failure = result.IsSuccess ? null : $"parse failed: {result.Error}";

        if (Str(rec, "title") is { } title)
            Add("feed.title", true, doc is not null && TextEquals(title, doc.Title), failure ?? $"expected '{Short(title)}', got '{Short(doc!.Title)}'");
        if (Str(rec, "link") is { } link)
            Add("feed.link", true, doc is not null && LinkEquals(link, doc.Link, options.BaseUri), failure ?? $"expected '{link}', got '{doc!.Link}'");
        if (rec.TryGetProperty("items", out var items))
            Add("items", true, doc is not null && doc.Entries.Count == items.GetInt32(), failure ?? $"expected {items.GetInt32()} items, got {doc!.Entries.Count}");
        if (rec.TryGetProperty("link_nonempty", out _))
            Add("feed.link_nonempty", false, !string.IsNullOrEmpty(doc?.Link), failure ?? "feed link is empty");
        if (rec.TryGetProperty("text_contains", out var contains))
            foreach (var s in contains.EnumerateArray().Select(x => x.GetString()!))
                Add("text_contains", false, doc is not null && AllText(doc).Contains(s, StringComparison.Ordinal), failure ?? $"decoded text lacks '{s}'");

        if (rec.TryGetProperty("entries", out var entries))
            foreach (var exp in entries.EnumerateArray())
                CheckEntry(exp, doc, failure, options, Add);
        return checks;
    }

    private static void CheckEntry(JsonElement exp, FeedDocument? doc, string? failure, FeedParseOptions options, Action<string, bool, bool, string?> add)
    {
        var index = exp.GetProperty("index").GetInt32();
        FeedEntry? e = null;
        if (doc is not null && doc.Entries.Count > 0)
        {
            var i = index < 0 ? doc.Entries.Count + index : index;
            if (i >= 0 && i < doc.Entries.Count) e = doc.Entries[i];
        }
        var missing = failure ?? (doc is null ? "no document" : $"entry {index} missing ({doc.Entries.Count} entries)");
        if (Str(exp, "title") is { } t) add("entry.title", true, e is not null && TextEquals(t, e.Title), e is null ? missing : $"expected '{Short(t)}', got '{Short(e.Title)}'");
        if (Str(exp, "link") is { } l) add("entry.link", true, e is not null && LinkEquals(l, e.Link, options.BaseUri), e is null ? missing : $"expected '{l}', got '{e.Link}'");
        if (Str(exp, "id") is { } id) add("entry.id", true, e is not null && id.Trim() == e.Id?.Trim(), e is null ? missing : $"expected '{id}', got '{e.Id}'");
        if (Str(exp, "published") is { } p)
            add("entry.published", true, e is not null && !e.DateIsFallback && SameSecond(p, e.Published), e is null ? missing : $"expected {p}, got {(e.DateIsFallback ? "no date (fallback)" : e.Published?.ToString("O"))}");
        if (Str(exp, "updated") is { } u)
            add("entry.updated", false, e is not null && (SameSecond(u, e.Updated) || !e.DateIsFallback && SameSecond(u, e.Published)), e is null ? missing : $"expected {u}, got {e.Updated?.ToString("O") ?? "none"}");
        if (exp.TryGetProperty("enclosure", out var enc) && Str(enc, "url") is { } encUrl)
            add("entry.enclosure", false, e is not null && e.Enclosures.Count > 0 && LinkEquals(encUrl, e.Enclosures[0].Url, options.BaseUri),
                e is null ? missing : $"expected '{encUrl}', got '{e.Enclosures.FirstOrDefault()?.Url}'");
    }

    private static FeedParseOptions OptionsFor(JsonElement rec)
    {
        Uri? baseUri = null;
        string? contentType = null;
        if (Str(rec, "http_url") is { } url) Uri.TryCreate(url, UriKind.Absolute, out baseUri);
        if (rec.TryGetProperty("http_headers", out var headers))
        {
            foreach (var h in headers.EnumerateObject())
            {
                if (h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) contentType = h.Value.GetString();
                // As the fetcher does: only an http(s) Content-Location may become the base.
                if (h.Name.Equals("Content-Location", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(baseUri, h.Value.GetString(), out var loc)
                    && loc.Scheme is "http" or "https") baseUri = loc;
            }
        }
        return new FeedParseOptions
        {
            ContentType = contentType,
            BaseUri = baseUri,
            FetchedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    internal static bool TextEquals(string expected, string? actual)
    {
        if (actual is null) return expected.Trim().Length == 0 || HtmlText.ToText(expected).Trim().Length == 0;
        var a = actual.Trim();
        return expected.Trim() == a || HtmlText.ToText(expected).Trim() == a || Collapse(expected) == Collapse(a);
    }

    private static string Collapse(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static bool LinkEquals(string expected, string? actual, Uri? baseUri) =>
        actual is not null && (expected.Trim() == actual || LinkCanonicalizer.Canonicalize(expected, baseUri) == actual
            || LinkCanonicalizer.Canonicalize(expected, baseUri) == LinkCanonicalizer.Canonicalize(actual, baseUri));

    private static bool SameSecond(string expected, DateTimeOffset? actual) =>
        actual is not null && DateTimeOffset.TryParse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var e)
        && Math.Abs((e - actual.Value).TotalSeconds) < 1;

    private static string AllText(FeedDocument d) =>
        string.Join("\n", new[] { d.Title, d.Description }.Concat(d.Entries.SelectMany(e => new[] { e.Title, e.Text, e.Author })).Where(s => s is not null));

    private static string Short(string? s) => s is null ? "(none)" : s.Length > 80 ? s[..80] + "…" : s;
}
