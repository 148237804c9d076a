namespace Monitor.Core.Digests;

/// <summary>Turns a composed digest into the subject, preheader, HTML and plain-text parts of one email.</summary>
public static class DigestRenderer
{
    public static RenderedDigest Render(Digest digest, DigestRenderContext context)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(context);
        // The unsubscribe link is ours, not a feed's: a bad one is a configuration error and must not go out silently.
        var unsubscribe = SafeLink.Clean(context.UnsubscribeUrl)
            ?? throw new ArgumentException("The unsubscribe URL must be an absolute http or https URL.", nameof(context));
        var manage = SafeLink.Clean(context.ManageUrl);

        var strings = DigestStrings.For(digest.Subscriber.Language);
        var frame = new DigestFrame(digest, strings, DigestText.OneLine(context.ServiceName), unsubscribe, manage);
        var subject = DigestSubject.Subject(digest, strings, context.ServiceName);
        var preheader = DigestSubject.Preheader(digest, strings);
        return new RenderedDigest(
            subject,
            preheader,
            DigestHtmlWriter.Write(frame, subject, preheader),
            DigestTextWriter.Write(frame));
    }
}

/// <summary>Everything both body writers need, resolved once.</summary>
internal sealed record DigestFrame(Digest Digest, DigestStrings Strings, string ServiceName, string UnsubscribeUrl, string? ManageUrl)
{
    public TimeZoneInfo Zone => Digest.Subscriber.TimeZone;

    public string Time(DateTimeOffset instant) => DigestClock.Format(instant, Digest.WindowEnd, Zone);

    public string GroupName(DigestGroup group) => group.Kind == DigestGroupKind.Other ? Strings.OtherGroup : group.Name;

    /// <summary>The "why" line, shown when several sources carried the story: "3 مصادر، أول ظهور 09:14 على موقع الائتلاف".</summary>
    public bool ShowsJoinReason(DigestEntry entry) => entry.Sources.Count > 1;

    /// <summary>A tag as shown: the topic's name, or the watch list's name with the terms that matched.</summary>
    public static string TagLabel(DigestTag tag)
    {
        if (!tag.IsWatch || tag.Matched.Count == 0) return tag.Name;
        return tag.Name + ": " + string.Join(", ", tag.Matched.Take(3));
    }
}
