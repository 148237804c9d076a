using System.Text;

namespace Monitor.Core.Digests;

/// <summary>
/// The plain-text part, for clients that show no HTML and for readers who prefer text: numbered stories under their
/// group headings, every link on a line of its own (so clients make it clickable whole), the unsubscribe URL at the end.
/// </summary>
internal static class DigestTextWriter
{
    public static string Write(DigestFrame frame)
    {
        var s = frame.Strings;
        var digest = frame.Digest;
        var text = new StringBuilder(8 * 1024);
        if (frame.ServiceName.Length > 0) text.Append(frame.ServiceName).Append('\n');
        text.Append(s.Heading).Append(" — ").Append(s.Stories(digest.StoryCount)).Append('\n')
            .Append(string.Format(s.WindowEnd, DigestClock.FormatFull(digest.WindowEnd, frame.Zone), frame.Zone.Id)).Append('\n');

        var number = 0;
        foreach (var group in digest.Groups)
        {
            text.Append('\n').Append("== ").Append(DigestText.OneLine(frame.GroupName(group))).Append(" ==\n");
            foreach (var entry in group.Entries) WriteStory(text, frame, entry, ++number);
        }
        if (digest.OmittedCount > 0) text.Append('\n').Append(string.Format(s.Omitted, s.Stories(digest.OmittedCount))).Append('\n');

        text.Append("\n-- \n")
            .Append(string.Format(s.WhyYouGetThis, frame.ServiceName)).Append('\n')
            .Append(s.Unsubscribe).Append(":\n").Append(frame.UnsubscribeUrl).Append('\n');
        if (frame.ManageUrl is { } manage) text.Append(s.Manage).Append(":\n").Append(manage).Append('\n');
        return text.ToString();
    }

    private static void WriteStory(StringBuilder text, DigestFrame frame, DigestEntry entry, int number)
    {
        var s = frame.Strings;
        var first = entry.FirstVisibleSource;
        text.Append('\n').Append(number).Append(". ").Append(DigestText.OneLine(entry.Story.Title)).Append('\n');
        text.Append("   ").Append(frame.ShowsJoinReason(entry)
            ? string.Format(s.JoinReason, s.Sources(entry.Sources.Count), frame.Time(first.Published), DigestText.OneLine(first.SourceName))
            : string.Format(s.PublishedAt, frame.Time(first.Published)) + " · " + DigestText.OneLine(first.SourceName)).Append('\n');
        if (entry.Excerpt.Length > 0) text.Append("   ").Append(entry.Excerpt).Append('\n');
        if (entry.TitleLink is { } link) text.Append("   ").Append(link).Append('\n');
        if (entry.Story.Tags.Count > 0)
            text.Append("   ").Append(s.Tags).Append(": ")
                .Append(string.Join(s.IsRightToLeft ? "، " : ", ", entry.Story.Tags.Select(t => DigestText.OneLine(DigestFrame.TagLabel(t)))))
                .Append('\n');

        var others = entry.AlsoReportedBy.ToList();
        if (others.Count == 0) return;
        text.Append("   ").Append(s.AlsoReportedBy).Append(":\n");
        foreach (var source in others)
        {
            text.Append("   - ").Append(DigestText.OneLine(source.SourceName)).Append('\n');
            if (SafeLink.Clean(source.Link) is { } href) text.Append("     ").Append(href).Append('\n');
        }
    }
}
