namespace Monitor.Core.Digests;

/// <summary>The subject line and the preheader (the grey line mail clients show after the subject).</summary>
public static class DigestSubject
{
    public const int TitleLength = 90;
    public const int PreheaderLength = 150;

    /// <summary>"{service}: {count} — {top title}", one line, with no control characters whatever the feed sent.</summary>
    public static string Subject(Digest digest, DigestStrings strings, string serviceName)
    {
        var title = DigestText.Truncate(digest.TopStory.Story.Title, TitleLength);
        var service = DigestText.OneLine(serviceName);
        var head = service.Length == 0 ? strings.Stories(digest.StoryCount) : $"{service}: {strings.Stories(digest.StoryCount)}";
        return title.Length == 0 ? head : $"{head} — {title}";
    }

    /// <summary>The next titles after the top one; for a one-story digest, the start of its excerpt.</summary>
    public static string Preheader(Digest digest, DigestStrings strings)
    {
        var others = digest.Entries
            .Where(e => !ReferenceEquals(e, digest.TopStory))
            .Select(e => DigestText.OneLine(e.Story.Title))
            .Where(t => t.Length > 0)
            .Take(3)
            .ToList();
        var text = others.Count > 0 ? strings.AlsoInThisDigest + string.Join(" · ", others) : digest.TopStory.Excerpt;
        return DigestText.Truncate(text, PreheaderLength);
    }
}
