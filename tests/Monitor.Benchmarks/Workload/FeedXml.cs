using System.Text;
using System.Xml;

namespace Monitor.Benchmarks.Workload;

/// <summary>Renders generated articles as an RSS 2.0 document (UTF-8 bytes), as a publisher's feed would carry them.</summary>
public static class FeedXml
{
    public static byte[] Rss(string title, string link, IEnumerable<GeneratedArticle> articles)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteStartElement("channel");
            xml.WriteElementString("title", title);
            xml.WriteElementString("link", link);
            xml.WriteElementString("description", title);
            xml.WriteElementString("language", "ar");
            foreach (var a in articles)
            {
                xml.WriteStartElement("item");
                xml.WriteElementString("title", a.Title);
                xml.WriteElementString("link", a.Link);
                xml.WriteStartElement("guid");
                xml.WriteAttributeString("isPermaLink", "false");
                xml.WriteString(a.Guid);
                xml.WriteEndElement();
                xml.WriteElementString("pubDate", a.Published.ToString("r"));
                // Paragraphs as HTML, as most publishers' feeds carry them.
                xml.WriteElementString("description", string.Concat(a.Text.Split("\n\n").Select(p => "<p>" + System.Net.WebUtility.HtmlEncode(p) + "</p>")));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return stream.ToArray();
    }
}
