using System.Net;
using System.Text;
using Monitor.Tests.Support;

namespace Monitor.Worker.Tests.Faults;

/// <summary>
/// Feeds for the fault tests: entries whose texts are distinct statements (random draws from the seed texts' words,
/// so near-duplicate detection keeps them apart), published recently so a first digest includes them.
/// </summary>
public static class FaultFeeds
{
    public sealed record Entry(string Guid, string Link, string Title, string Text, DateTimeOffset Published);

    private static readonly Lazy<string[]> Vocabulary = new(() =>
        TestPaths.SeedTexts().SelectMany(t => t.Split((char[])[' ', '\n', '،', '.', ':', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length > 2).Distinct(StringComparer.Ordinal).ToArray());

    /// <summary>Entry <paramref name="index"/> of a feed: the same index always gives the same text and link.</summary>
    public static Entry Make(Uri site, string feed, int index, DateTimeOffset published, int words = 45)
    {
        // A stable seed (string.GetHashCode is randomised per process), so reruns see the same texts.
        var random = new Random(feed.Aggregate(17, (h, c) => h * 31 + c) ^ (index * 7919));
        var vocabulary = Vocabulary.Value;
        string Draw(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => vocabulary[random.Next(vocabulary.Length)]));
        var link = new Uri(site, $"/{feed}/news/{index}").ToString();
        return new Entry(link, link, $"{Draw(6)} {index}", $"{Draw(words)}.\n{Draw(words)}.", published);
    }

    public static IReadOnlyList<Entry> Many(Uri site, string feed, int count, DateTimeOffset newest, int words = 45) =>
        Enumerable.Range(0, count).Select(i => Make(site, feed, i, newest.AddMinutes(-(count - i)), words)).ToList();

    public static string Rss(string title, IEnumerable<Entry> entries)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>");
        sb.Append($"<title>{WebUtility.HtmlEncode(title)}</title><link>http://example.org/</link><description>fault test</description>");
        foreach (var e in entries)
        {
            sb.Append("<item><title>").Append(WebUtility.HtmlEncode(e.Title)).Append("</title><link>").Append(e.Link)
                .Append("</link><guid isPermaLink=\"false\">").Append(WebUtility.HtmlEncode(e.Guid)).Append("</guid><pubDate>")
                .Append(e.Published.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))
                .Append(" GMT</pubDate><description>").Append(WebUtility.HtmlEncode(string.Concat(e.Text.Split('\n').Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>"))))
                .Append("</description></item>");
        }
        return sb.Append("</channel></rss>").ToString();
    }
}
