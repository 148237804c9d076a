using System.Text;
using Monitor.Core.Feeds;
using static Monitor.Core.Tests.Feeds.FeedTestData;

namespace Monitor.Core.Tests.Feeds;

/// <summary>A feed is untrusted input: entity bombs and external entities must be refused before anything is expanded or read.</summary>
public sealed class HostileDtdTests
{
    [Fact]
    public void Billion_laughs_is_refused_as_forbidden()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (var i = 1; i < 10; i++)
            sb.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : (i - 1).ToString())};", 10))}\">");
        sb.Append("]><rss><channel><title>&lol9;</title></channel></rss>");
        var result = FeedParser.Parse(Encoding.UTF8.GetBytes(sb.ToString()), Options());
        Assert.Equal(ParseErrorKind.Forbidden, result.Error!.Kind);
    }

    [Fact]
    public void External_entity_to_etc_passwd_is_refused_and_nothing_is_read()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><rss><channel><title>&xxe;</title></channel></rss>";
        var result = FeedParser.Parse(Encoding.UTF8.GetBytes(xml), Options());
        Assert.Equal(ParseErrorKind.Forbidden, result.Error!.Kind);
        Assert.DoesNotContain("root:", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void External_dtd_reference_is_ignored_without_being_fetched()
    {
        // The referenced DTD exists and would define &secret; if it were read: the entity must stay unexpanded.
        var dtd = Path.Combine(Path.GetTempPath(), $"monitor-hostile-{Guid.NewGuid():N}.dtd");
        File.WriteAllText(dtd, "<!ENTITY secret \"SECRET-FROM-DISK\">");
        try
        {
            var xml = $"<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"file://{dtd}\"><rss><channel><title>a &secret; b</title></channel></rss>";
            var result = FeedParser.Parse(Encoding.UTF8.GetBytes(xml), Options());
            Assert.True(result.IsSuccess);
            Assert.DoesNotContain("SECRET-FROM-DISK", result.Document!.Title ?? "", StringComparison.Ordinal);
            Assert.Contains(result.Document.Warnings, w => w.Contains("DOCTYPE", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(dtd);
        }
    }

    [Fact]
    public void Netscape_rss091_doctype_is_ignored_and_the_feed_is_read()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">"
            + "<rss version=\"0.91\"><channel><title>Old</title><item><title>i</title></item></channel></rss>";
        var doc = ParseOk(xml);
        Assert.Equal(FeedFormat.Rss091, doc.Format);
        Assert.False(doc.IsMalformed);
        Assert.Single(doc.Entries);
    }
}
