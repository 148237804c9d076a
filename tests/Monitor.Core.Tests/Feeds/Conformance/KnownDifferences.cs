namespace Monitor.Core.Tests.Feeds.Conformance;

/// <summary>Why a known failure fails: the cause, as found by reading the file, shown next to it in the report.</summary>
internal static class KnownDifferences
{
    private static readonly (string FileContains, string Why)[] Causes =
    [
        ("_links", "several <link> elements: gofeed keeps the last (an Atom-style href); we keep the first RSS <link>, the one the RSS spec defines"),
        ("entities/lang.xml", "HTML5 maps &lang; to U+27E8; the peer expects HTML 4's U+2329 (corpus README notes this)"),
        ("entities/rang.xml", "HTML5 maps &rang; to U+27E9; the peer expects HTML 4's U+232A (corpus README notes this)"),
        ("missing_quote_in_attr", "the title is HTML holding only a link whose href has a missing quote; its clean text is 'example' but our tag scanner reads to the end of the broken attribute and finds no text"),
        ("itunes_core_element_uppercase", "<TiTlE>: XML names are case-sensitive and we do not match core elements case-insensitively as iTunes does"),
        ("entity_in_doctype", "a DOCTYPE with an internal subset is refused by policy (ParseErrorKind.Forbidden): entity declarations are never processed"),
        ("title_xhtml_", "the title's end tag is mismatched (</subtitle>): the XML breaks before the title completes and, at feed level, nothing is kept"),
        ("rss_2.0_invalid_1", "feed-rs rejects it as invalid; we recover the feed from the broken XML (by design: recover what can be recovered)"),
    ];

    public static string? For(string file) =>
        Causes.FirstOrDefault(c => file.Contains(c.FileContains, StringComparison.Ordinal)).Why;
}
