using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Cluster;

/// <summary>
/// Feeds for the cluster test on a <see cref="FeedServer"/>: each source has its own statements (distinct Arabic text,
/// so each is its own story) published when added, answers 304 when unchanged, and records when every request arrived.
/// </summary>
public sealed class ClusterFeeds
{
    private static readonly string[] Words =
    [
        "الائتلاف", "الوطني", "السوري", "يدين", "القصف", "على", "مدينة", "حلب", "ويطالب", "المجتمع", "الدولي", "بحماية",
        "المدنيين", "وفتح", "ممرات", "إنسانية", "عاجلة", "رئيس", "الهيئة", "السياسية", "يلتقي", "وفدا", "أوروبيا", "لبحث",
        "الانتقال", "السياسي", "وإطلاق", "سراح", "المعتقلين", "في", "سجون", "النظام", "درعا", "إدلب", "حمص", "دمشق",
        "اللاجئين", "العودة", "الآمنة", "المفاوضات", "جنيف", "القرار", "الأممي", "الحكومة", "المؤقتة", "الشمال",
    ];

    private readonly FeedServer _server;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> _requests = new();
    private readonly ConcurrentDictionary<string, List<(string Title, string Text, DateTimeOffset Published)>> _entries = new();

    public ClusterFeeds(FeedServer server) => _server = server;

    /// <summary>Serves <paramref name="id"/> at /{id}.xml, answering after <paramref name="delay"/> (a slow host).</summary>
    public Uri Add(string id, int entries, TimeSpan delay)
    {
        _entries[id] = [];
        for (var i = 0; i < entries; i++) Publish(id);
        _server.Handle($"/{id}.xml", async ctx =>
        {
            _requests.GetOrAdd(id, _ => new()).Enqueue(DateTimeOffset.UtcNow);
            if (delay > TimeSpan.Zero) await Task.Delay(delay, ctx.RequestAborted);
            var body = Encoding.UTF8.GetBytes(Rss(id));
            var etag = $"\"{Convert.ToHexString(SHA256.HashData(body))[..16]}\"";
            ctx.Response.Headers.ETag = etag;
            if (ctx.Request.Headers.IfNoneMatch == etag)
            {
                ctx.Response.StatusCode = 304;
                return;
            }
            ctx.Response.ContentType = "application/rss+xml; charset=utf-8";
            await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
        });
        return _server.Url($"/{id}.xml");
    }

    /// <summary>Adds a new statement to a source and returns its title.</summary>
    public string Publish(string id)
    {
        var list = _entries[id];
        lock (list)
        {
            var n = list.Count;
            var random = new Random(HashCode.Combine(id.GetHashCode(StringComparison.Ordinal), n));
            var text = string.Join(' ', Enumerable.Range(0, 70).Select(_ => Words[random.Next(Words.Length)]));
            var title = $"بيان {id} رقم {n + 1}";
            list.Add((title, text, DateTimeOffset.UtcNow));
            return title;
        }
    }

    public IReadOnlyList<string> Titles => _entries.Values.SelectMany(l => { lock (l) return l.Select(e => e.Title).ToList(); }).ToList();

    public IReadOnlyList<DateTimeOffset> Requests(string id) => _requests.TryGetValue(id, out var q) ? q.ToList() : [];

    private string Rss(string id)
    {
        List<(string Title, string Text, DateTimeOffset Published)> entries;
        lock (_entries[id]) entries = [.. _entries[id]];
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>");
        sb.Append($"<title>{id}</title><link>{_server.Url("/")}</link><description>cluster test</description>");
        for (var i = 0; i < entries.Count; i++)
        {
            var link = _server.Url($"/{id}/{i}");
            sb.Append($"<item><title>{WebUtility.HtmlEncode(entries[i].Title)}</title><link>{link}</link><guid>{link}</guid>");
            sb.Append($"<pubDate>{entries[i].Published.ToString("r", System.Globalization.CultureInfo.InvariantCulture)}</pubDate>");
            sb.Append($"<description>{WebUtility.HtmlEncode(entries[i].Text)}</description></item>");
        }
        return sb.Append("</channel></rss>").ToString();
    }
}
