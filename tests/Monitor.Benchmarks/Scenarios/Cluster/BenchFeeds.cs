using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Monitor.Benchmarks.Scenarios.Cluster;

/// <summary>
/// Loopback feeds /f/{n}.xml where every request finds one new entry (no validators, so every poll is a full fetch,
/// parse and ingest), each with its own text so it starts a new story. Counts requests.
/// </summary>
internal sealed class BenchFeeds : IAsyncDisposable
{
    private static readonly string[] Words =
    [
        "الائتلاف", "الوطني", "السوري", "يدين", "القصف", "مدينة", "حلب", "المجتمع", "الدولي", "المدنيين", "ممرات",
        "إنسانية", "الهيئة", "السياسية", "وفدا", "أوروبيا", "الانتقال", "المعتقلين", "النظام", "درعا", "إدلب", "حمص",
        "دمشق", "اللاجئين", "العودة", "المفاوضات", "جنيف", "القرار", "الأممي", "الحكومة", "المؤقتة", "الشمال",
    ];

    private readonly WebApplication _app;
    private readonly int[] _counts;
    private int _requests;

    private BenchFeeds(WebApplication app, int feeds)
    {
        _app = app;
        _counts = new int[feeds];
    }

    public int Requests => Volatile.Read(ref _requests);
    public Uri Url(int feed) => new($"{_app.Urls.First()}/f/{feed}.xml");

    public static async Task<BenchFeeds> StartAsync(int feeds)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new BenchFeeds(app, feeds);
        app.MapGet("/f/{n:int}.xml", (int n, HttpContext ctx) => server.Serve(n, ctx));
        await app.StartAsync();
        return server;
    }

    private Task Serve(int feed, HttpContext ctx)
    {
        if (feed < 0 || feed >= _counts.Length) { ctx.Response.StatusCode = 404; return Task.CompletedTask; }
        Interlocked.Increment(ref _requests);
        var latest = Interlocked.Increment(ref _counts[feed]);
        var now = DateTimeOffset.UtcNow;
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>");
        sb.Append($"<title>feed {feed}</title><link>http://bench.invalid/{feed}</link><description>bench</description>");
        for (var i = latest; i > Math.Max(0, latest - 5); i--)
        {
            var random = new Random(feed * 100_003 + i);
            var text = string.Join(' ', Enumerable.Range(0, 60).Select(_ => Words[random.Next(Words.Length)]));
            sb.Append($"<item><title>بيان {feed}-{i}</title><link>http://bench.invalid/{feed}/{i}</link><guid>bench-{feed}-{i}</guid>");
            sb.Append($"<pubDate>{now.AddSeconds(i - latest).ToString("r", System.Globalization.CultureInfo.InvariantCulture)}</pubDate>");
            sb.Append($"<description>{WebUtility.HtmlEncode(text)}</description></item>");
        }
        sb.Append("</channel></rss>");
        ctx.Response.ContentType = "application/rss+xml; charset=utf-8";
        return ctx.Response.WriteAsync(sb.ToString());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
