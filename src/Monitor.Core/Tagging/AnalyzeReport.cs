using System.Text;
using System.Text.Json.Serialization;
using Monitor.Core.Text;

namespace Monitor.Core.Tagging;

/// <summary>
/// What the service sees in a text, as printed by the <c>analyze</c> command (JSON with <c>--json</c>, else
/// <see cref="ToText"/>): the normalised text, every token with its normal form and stem, and the topics and
/// watch-list entries that fired with the words that fired them.
/// </summary>
public sealed record AnalyzeReport(
    [property: JsonPropertyName("normalized")] string Normalized,
    [property: JsonPropertyName("tokens")] IReadOnlyList<AnalyzeReport.TokenView> Tokens,
    [property: JsonPropertyName("topics")] IReadOnlyList<AnalyzeReport.TopicView> Topics,
    [property: JsonPropertyName("watch")] IReadOnlyList<AnalyzeReport.WatchView> Watch)
{
    public sealed record TokenView(
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("normalized")] string Normalized,
        [property: JsonPropertyName("stem")] string Stem,
        [property: JsonPropertyName("stopword")] bool IsStopWord);

    public sealed record TopicView(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("score")] double Score,
        [property: JsonPropertyName("matched")] IReadOnlyList<string> Matched,
        [property: JsonPropertyName("hits")] IReadOnlyList<HitView> Hits);

    public sealed record WatchView(
        [property: JsonPropertyName("list")] string List,
        [property: JsonPropertyName("entry")] string Entry,
        [property: JsonPropertyName("score")] double Score,
        [property: JsonPropertyName("matched")] IReadOnlyList<string> Matched,
        [property: JsonPropertyName("hits")] IReadOnlyList<HitView> Hits);

    /// <summary>One hit: the configured term, the words in the text, and their offset in the input.</summary>
    public sealed record HitView(
        [property: JsonPropertyName("term")] string Term,
        [property: JsonPropertyName("surface")] string Surface,
        [property: JsonPropertyName("start")] int Start);

    /// <summary>Analyses <paramref name="text"/> as an item body (no title) and tags it.</summary>
    public static AnalyzeReport Build(string text, TagMatcher matcher)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(matcher);
        var analyzed = TextAnalyzer.Analyze(text);
        var tags = matcher.Match(TextAnalyzer.Empty, analyzed);
        return new AnalyzeReport(
            analyzed.Normalized,
            analyzed.Tokens.Select(t => new TokenView(t.Text, t.Normalized, t.Stem, t.IsStopWord)).ToList(),
            tags.Where(t => t.Kind == TagKind.Topic)
                .Select(t => new TopicView(t.Id, t.Name, t.Score, Matched(t), Hits(t))).ToList(),
            tags.Where(t => t.Kind == TagKind.Watch)
                .Select(t => new WatchView(t.Name, t.Entry ?? "", t.Score, Matched(t), Hits(t))).ToList());
    }

    private static List<string> Matched(ItemTag t) => t.Hits.Select(h => h.Surface).Distinct(StringComparer.Ordinal).ToList();

    private static List<HitView> Hits(ItemTag t) => t.Hits.Select(h => new HitView(h.Term, h.Surface, h.Start)).ToList();

    /// <summary>The human-readable form: normal text, a token table, then each tag with its reasons.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.AppendLine("Normalized:").AppendLine(Normalized).AppendLine();
        sb.AppendLine($"Tokens ({Tokens.Count}): text -> normalized -> stem");
        foreach (var t in Tokens)
            sb.AppendLine($"  {t.Text} -> {t.Normalized} -> {t.Stem}{(t.IsStopWord ? "  (stop word)" : "")}");
        sb.AppendLine().AppendLine(Topics.Count == 0 ? "Topics: none" : $"Topics ({Topics.Count}):");
        foreach (var t in Topics)
            sb.AppendLine($"  {t.Name} [{t.Id}] score {t.Score}: {Describe(t.Hits)}");
        sb.AppendLine().AppendLine(Watch.Count == 0 ? "Watch lists: none" : $"Watch lists ({Watch.Count}):");
        foreach (var w in Watch)
            sb.AppendLine($"  {w.List} / {w.Entry} score {w.Score}: {Describe(w.Hits)}");
        return sb.ToString();
    }

    private static string Describe(IReadOnlyList<HitView> hits) =>
        string.Join("; ", hits.Select(h => h.Term == h.Surface ? $"\"{h.Surface}\" @{h.Start}" : $"\"{h.Surface}\" ({h.Term}) @{h.Start}"));
}
