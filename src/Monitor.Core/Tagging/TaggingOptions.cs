namespace Monitor.Core.Tagging;

/// <summary>
/// Topics and watch lists as the operator writes them (section <c>Monitor:Tagging</c>). Plain settable properties and
/// <see cref="List{T}"/> so Microsoft.Extensions.Configuration can bind them; checked by
/// <see cref="TaggingOptionsValidator"/>, compiled by <see cref="TagMatcher.Compile"/>.
/// </summary>
public sealed class TaggingOptions
{
    public List<WatchListOptions> WatchLists { get; set; } = [];
    public List<TopicOptions> Topics { get; set; } = [];
}

/// <summary>A named list of people, places, organisations or phrases the operators want to follow.</summary>
public sealed class WatchListOptions
{
    /// <summary>Unique name; topics refer to it as <c>watch:NAME</c> or <c>watch:NAME/ENTRY</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>person, place, organisation, group, state or other (see <see cref="TaggingVocabulary.WatchKinds"/>).</summary>
    public string Kind { get; set; } = "other";

    /// <summary>How much a hit in the title counts against one in the body (score only).</summary>
    public double TitleWeight { get; set; } = 2;

    public List<WatchEntryOptions> Entries { get; set; } = [];
}

/// <summary>One watched thing and the ways it is written.</summary>
public sealed class WatchEntryOptions
{
    /// <summary>Display name; also matched as a spelling unless it is only a label (then list it in no variant).</summary>
    public string Name { get; set; } = "";

    /// <summary>Other spellings (each may be several words, matched as a contiguous phrase).</summary>
    public List<string> Variants { get; set; } = [];

    /// <summary>"name": surface form with clitics and spelling folded, no stemming (default). "keyword": by stem.</summary>
    public string Match { get; set; } = TaggingVocabulary.MatchName;

    /// <summary>Words or phrases that, right after the match, cancel it (e.g. الأسد followed by nothing special).</summary>
    public List<string> NotFollowedBy { get; set; } = [];

    /// <summary>Words or phrases that, right before the match, cancel it (e.g. حافظ before الأسد).</summary>
    public List<string> NotPrecededBy { get; set; } = [];
}

/// <summary>
/// A named rule over terms and watch lists. Items in Any/All/None are plain terms (matched by stem, each may be a
/// phrase) or references <c>watch:LIST</c> / <c>watch:LIST/ENTRY</c>.
/// </summary>
public sealed class TopicOptions
{
    /// <summary>Stable slug (e.g. <c>ceasefire-violations</c>) that subscriptions refer to.</summary>
    public string Id { get; set; } = "";

    /// <summary>Display name (Arabic).</summary>
    public string Name { get; set; } = "";

    /// <summary>Id of the parent topic: a tagged sub-topic also tags its parent.</summary>
    public string? Parent { get; set; }

    /// <summary>subject, place or text-kind (see <see cref="TaggingVocabulary.TopicKinds"/>).</summary>
    public string Kind { get; set; } = TaggingVocabulary.TopicSubject;

    public List<string> Any { get; set; } = [];
    public List<string> All { get; set; } = [];
    public List<string> None { get; set; } = [];

    /// <summary>Weighted hits (title hits count <see cref="TitleWeight"/>) needed from Any and All together.</summary>
    public int MinHits { get; set; } = 1;

    public double TitleWeight { get; set; } = 2;
}

/// <summary>The fixed words of the tagging configuration.</summary>
public static class TaggingVocabulary
{
    public const string MatchName = "name";
    public const string MatchKeyword = "keyword";
    public const string WatchPrefix = "watch:";
    public const string TopicSubject = "subject";
    public const string TopicPlace = "place";
    public const string TopicTextKind = "text-kind";

    public static readonly IReadOnlyList<string> MatchModes = [MatchName, MatchKeyword];
    public static readonly IReadOnlyList<string> WatchKinds = ["person", "place", "organisation", "group", "state", "other"];
    public static readonly IReadOnlyList<string> TopicKinds = [TopicSubject, TopicPlace, TopicTextKind];
}
