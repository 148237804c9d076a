using Monitor.Tests.Support;
using System.Net;
using System.Text;

namespace Monitor.Worker.Tests.Support;

/// <summary>The five seed texts as feed entries: an RSS 2.0 feed and an Atom 1.0 feed, as a coalition site and a news site would publish them.</summary>
public static class SeedFeeds
{
    public sealed record SeedEntry(int Seed, string Title, string Link, DateTimeOffset Published, string Text);

    /// <summary>Headlines a reader would write for each seed (the seeds themselves have none, or bury it in garbage).</summary>
    public static readonly string[] Titles =
    [
        "خوجة: القيادة الروسية غير متمسكة ببشار الأسد",
        "خوجة يحمّل المجتمع الدولي مسؤولية ما يحدث في سوريا",
        "رئيس الائتلاف يلتقي كيري في واشنطن ويدعو إلى مناطق آمنة",
        "الائتلاف يطالب بإعادة تفعيل لجنة التحقيق الدولية في سوريا",
        "الائتلاف الوطني يدين خروقات النظام في درعا",
    ];

    public static IReadOnlyList<SeedEntry> Entries(Uri site)
    {
        var texts = TestPaths.SeedTexts();
        var start = new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);
        return texts.Select((text, i) => new SeedEntry(i, Titles[i], new Uri(site, $"/news/{i}").ToString(), start.AddHours(i), text)).ToList();
    }

    public static string Rss(string title, Uri link, IEnumerable<SeedEntry> entries)
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>");
        sb.Append($"<title>{WebUtility.HtmlEncode(title)}</title><link>{link}</link><description>test</description>");
        foreach (var e in entries)
        {
            sb.Append("<item>");
            sb.Append($"<title>{WebUtility.HtmlEncode(e.Title)}</title><link>{e.Link}</link><guid>{e.Link}</guid>");
            sb.Append($"<pubDate>{e.Published.ToUniversalTime():ddd, dd MMM yyyy HH:mm:ss} GMT</pubDate>");
            sb.Append($"<description><![CDATA[{Paragraphs(e.Text)}]]></description>");
            sb.Append("</item>");
        }
        sb.Append("</channel></rss>");
        return sb.ToString();
    }

    public static string Atom(string title, Uri link, IEnumerable<SeedEntry> entries)
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">");
        sb.Append($"<title>{WebUtility.HtmlEncode(title)}</title><link rel=\"alternate\" href=\"{link}\"/><id>{link}</id><updated>2026-11-21T12:00:00Z</updated>");
        foreach (var e in entries)
        {
            sb.Append("<entry>");
            sb.Append($"<title>{WebUtility.HtmlEncode(e.Title)}</title><link rel=\"alternate\" href=\"{e.Link}\"/><id>urn:seed:{e.Seed}</id>");
            sb.Append($"<published>{e.Published.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}</published><updated>{e.Published.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}</updated>");
            sb.Append($"<content type=\"html\">{WebUtility.HtmlEncode(Paragraphs(e.Text))}</content>");
            sb.Append("</entry>");
        }
        sb.Append("</feed>");
        return sb.ToString();
    }

    private static string Paragraphs(string text) =>
        string.Concat(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>"));
}
