using System.Text;

namespace Monitor.Core.Digests;

/// <summary>
/// The HTML part: nested presentation tables with inline styles (what email clients render reliably), the frame's
/// direction and language on &lt;html&gt;, every piece of feed text encoded and direction-isolated, links only
/// http/https, no scripts, no images.
/// </summary>
internal static class DigestHtmlWriter
{
    public static string Write(DigestFrame frame, string subject, string preheader)
    {
        var s = frame.Strings;
        var rtl = s.IsRightToLeft;
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n")
            .Append($"<html dir=\"{s.Direction}\" lang=\"{s.Language}\">\n<head>\n")
            .Append("<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"x-apple-disable-message-reformatting\">\n")
            .Append("<title>").Append(DigestHtmlText.Encode(subject)).Append("</title>\n</head>\n")
            .Append($"<body dir=\"{s.Direction}\" style=\"{DigestStyles.Body(rtl)}\">\n")
            // Hidden preheader; the trailing non-joiners keep clients from pulling body text into the preview line.
            .Append($"<div class=\"preheader\" style=\"{DigestStyles.Preheader}\">")
            .Append(DigestHtmlText.Encode(preheader))
            .Append(string.Concat(Enumerable.Repeat("&#8204;&nbsp;", 40)))
            .Append("</div>\n")
            .Append($"<table role=\"presentation\" class=\"outer\" dir=\"{s.Direction}\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"{DigestStyles.Outer}\">\n")
            .Append($"<tr><td align=\"center\" style=\"{DigestStyles.OuterCell}\">\n")
            .Append($"<table role=\"presentation\" class=\"digest\" dir=\"{s.Direction}\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"{DigestStyles.Card(rtl)}\">\n");

        WriteHeader(html, frame);
        foreach (var group in frame.Digest.Groups)
        {
            WriteGroupHeading(html, frame, group);
            foreach (var entry in group.Entries) WriteStory(html, frame, entry);
        }
        if (frame.Digest.OmittedCount > 0)
            html.Append($"<tr><td class=\"omitted\" style=\"{DigestStyles.GroupCell(rtl)}\"><p style=\"{DigestStyles.Summary}\">")
                .Append(DigestHtmlText.Encode(string.Format(s.Omitted, s.Stories(frame.Digest.OmittedCount))))
                .Append("</p></td></tr>\n");
        WriteFooter(html, frame);

        html.Append("</table>\n</td></tr>\n</table>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void WriteHeader(StringBuilder html, DigestFrame frame)
    {
        var s = frame.Strings;
        var windowEnd = Bdi(DigestClock.FormatFull(frame.Digest.WindowEnd, frame.Zone));
        var zone = Bdi(frame.Zone.Id);
        html.Append($"<tr><td class=\"header\" style=\"{DigestStyles.Header(s.IsRightToLeft)}\">\n")
            .Append($"<p class=\"service\" style=\"{DigestStyles.ServiceLine}\">").Append(DigestHtmlText.Isolated(frame.ServiceName)).Append("</p>\n")
            .Append($"<h1 style=\"{DigestStyles.Heading}\">").Append(DigestHtmlText.Encode(s.Heading)).Append("</h1>\n")
            .Append($"<p class=\"summary\" style=\"{DigestStyles.Summary}\">")
            .Append(Counted(s.Stories(frame.Digest.StoryCount))).Append(" · ")
            .Append(Counted(s.Sources(frame.Digest.SourceCount))).Append(" · ")
            .Append(string.Format(DigestHtmlText.Encode(s.WindowEnd), windowEnd, zone))
            .Append("</p>\n</td></tr>\n");
    }

    private static void WriteGroupHeading(StringBuilder html, DigestFrame frame, DigestGroup group)
    {
        html.Append($"<tr><td class=\"group\" style=\"{DigestStyles.GroupCell(frame.Strings.IsRightToLeft)}\">")
            .Append($"<h2 dir=\"auto\" style=\"{DigestStyles.GroupHeading}\">")
            .Append(DigestHtmlText.Isolated(frame.GroupName(group)))
            .Append(" (").Append(Bdi(group.Entries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append(')')
            .Append("</h2></td></tr>\n");
    }

    private static void WriteStory(StringBuilder html, DigestFrame frame, DigestEntry entry)
    {
        var s = frame.Strings;
        var story = entry.Story;
        html.Append($"<tr><td class=\"story\" data-story-id=\"{story.StoryId}\" style=\"{DigestStyles.StoryCell(s.IsRightToLeft)}\">\n")
            .Append($"<h3 class=\"story-title\" dir=\"auto\" style=\"{DigestStyles.Title}\">");
        var title = DigestHtmlText.Isolated(story.Title);
        if (entry.TitleLink is { } link)
            html.Append($"<a href=\"{DigestHtmlText.Encode(link)}\" style=\"{DigestStyles.TitleLink}\">").Append(title).Append("</a>");
        else
            html.Append(title);
        html.Append("</h3>\n");

        var first = entry.FirstVisibleSource;
        html.Append($"<p class=\"story-meta\" style=\"{DigestStyles.Meta}\">");
        if (frame.ShowsJoinReason(entry))
            html.Append(string.Format(DigestHtmlText.Encode(s.JoinReason),
                Counted(s.Sources(entry.Sources.Count)), Bdi(frame.Time(first.Published)), Bdi(first.SourceName)));
        else
            html.Append(string.Format(DigestHtmlText.Encode(s.PublishedAt), Bdi(frame.Time(first.Published))))
                .Append(" · ").Append(Bdi(first.SourceName));
        html.Append("</p>\n");

        if (entry.Excerpt.Length > 0)
            html.Append($"<p class=\"story-excerpt\" dir=\"auto\" style=\"{DigestStyles.Excerpt}\">").Append(DigestHtmlText.Isolated(entry.Excerpt)).Append("</p>\n");

        if (story.Tags.Count > 0)
        {
            html.Append($"<p class=\"story-tags\" style=\"{DigestStyles.TagLine}\">");
            foreach (var tag in story.Tags)
                html.Append($"<span class=\"tag\" dir=\"auto\" style=\"{DigestStyles.Tag}\">").Append(DigestHtmlText.Isolated(DigestFrame.TagLabel(tag))).Append("</span> ");
            html.Append("</p>\n");
        }

        var others = entry.AlsoReportedBy.ToList();
        if (others.Count > 0)
        {
            html.Append($"<p class=\"story-also\" style=\"{DigestStyles.Also}\">").Append(DigestHtmlText.Encode(s.AlsoReportedBy)).Append(": ");
            var separator = s.IsRightToLeft ? "، " : ", ";
            for (var i = 0; i < others.Count; i++)
            {
                if (i > 0) html.Append(separator);
                var name = Bdi(others[i].SourceName);
                html.Append(SafeLink.Clean(others[i].Link) is { } href
                    ? $"<a class=\"source\" href=\"{DigestHtmlText.Encode(href)}\" style=\"{DigestStyles.SourceLink}\">{name}</a>"
                    : name);
            }
            html.Append("</p>\n");
        }
        html.Append("</td></tr>\n");
    }

    private static void WriteFooter(StringBuilder html, DigestFrame frame)
    {
        var s = frame.Strings;
        html.Append($"<tr><td class=\"footer\" style=\"{DigestStyles.Footer(s.IsRightToLeft)}\">\n")
            .Append($"<p style=\"{DigestStyles.FooterLine}\">")
            .Append(string.Format(DigestHtmlText.Encode(s.WhyYouGetThis), Bdi(frame.ServiceName)))
            .Append("</p>\n")
            .Append($"<p style=\"{DigestStyles.FooterLine}\">")
            .Append($"<a class=\"unsubscribe\" href=\"{DigestHtmlText.Encode(frame.UnsubscribeUrl)}\" style=\"{DigestStyles.FooterLink}\">")
            .Append(DigestHtmlText.Encode(s.Unsubscribe)).Append("</a>");
        if (frame.ManageUrl is { } manage)
            html.Append(" · ")
                .Append($"<a class=\"manage\" href=\"{DigestHtmlText.Encode(manage)}\" style=\"{DigestStyles.FooterLink}\">")
                .Append(DigestHtmlText.Encode(s.Manage)).Append("</a>");
        html.Append("</p>\n</td></tr>\n");
    }

    /// <summary>A value dropped into our own sentence (a name, a time, a zone id): isolated whole, whatever its direction.</summary>
    private static string Bdi(string value) => "<bdi>" + DigestHtmlText.Encode(DigestText.OneLine(value)) + "</bdi>";

    /// <summary>A counted phrase ("3 مصادر"): the number isolated so it stays on its side of the noun.</summary>
    private static string Counted(string phrase) => DigestHtmlText.Isolated(phrase);
}
