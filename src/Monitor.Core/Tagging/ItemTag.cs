namespace Monitor.Core.Tagging;

public enum TagKind { Topic, Watch }

/// <summary>
/// One tag on an item or story, with the reasons. For a topic, <see cref="Name"/> is the display name, <see cref="Id"/>
/// the slug and <see cref="Entry"/> null. For a watch list, <see cref="Name"/> is the list name, <see cref="Entry"/> the
/// entry name and <see cref="Id"/> is <c>watch:LIST/ENTRY</c> (the same syntax topics use to refer to it).
/// </summary>
public sealed record ItemTag(TagKind Kind, string Name, string? Entry, IReadOnlyList<TagHit> Hits, double Score)
{
    /// <summary>What subscriptions select: the topic slug, or <c>watch:LIST/ENTRY</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>The topic's kind (subject, place, text-kind) or the watch list's kind (person, place, ...).</summary>
    public string Facet { get; init; } = "";
}

/// <summary>
/// Why a tag fired: the configured <see cref="Term"/> (variant or topic term as written), the matched
/// <see cref="Surface"/> words as they appear in the text, and where (offset in the title or the body).
/// </summary>
public sealed record TagHit(string Term, string Surface, int Start, bool InTitle);
