namespace Monitor.Core.Feeds;

/// <summary>What the text extractor and the sanitiser do with a tag. A name may carry several roles.</summary>
[Flags]
internal enum HtmlTagRole
{
    None = 0,
    /// <summary>Text extraction: the element starts a new line (p, div, br, li...).</summary>
    TextBreak = 1,
    /// <summary>Text extraction: a table cell, separated from its neighbour by a space.</summary>
    TextCell = 2,
    /// <summary>Text extraction: the element's content is not text (script, style...).</summary>
    TextHidden = 4,
    /// <summary>Sanitiser: written to the output.</summary>
    Allowed = 8,
    /// <summary>Sanitiser: dropped together with its content.</summary>
    DroppedWithContent = 16,
    /// <summary>Sanitiser: a void element dropped on its own.</summary>
    DroppedVoid = 32,
    /// <summary>Sanitiser: unwrapped, but its end (or an hr) becomes a line break.</summary>
    BlockUnwrapped = 64,
}

/// <summary>
/// The tag names both HTML scanners know, looked up straight from the markup's characters: one lookup per tag,
/// no substring and no lower-casing allocated per tag (this runs on every tag of every entry of every feed).
/// Names are ASCII, so a case-insensitive ordinal match is exactly "lower-case it, then compare".
/// </summary>
internal static class HtmlTagTable
{
    private static readonly Dictionary<string, HtmlTagRole> Roles = Build();

    private static readonly Dictionary<string, HtmlTagRole>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        Roles.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The roles of the tag spelled <paramref name="name"/> (any case) and its lower-case spelling; None and null for unknown names.</summary>
    public static HtmlTagRole Lookup(ReadOnlySpan<char> name, out string? lowerName)
    {
        if (BySpan.TryGetValue(name, out var key, out var role))
        {
            lowerName = key;
            return role;
        }
        lowerName = null;
        return HtmlTagRole.None;
    }

    private static Dictionary<string, HtmlTagRole> Build()
    {
        var roles = new Dictionary<string, HtmlTagRole>(StringComparer.OrdinalIgnoreCase);
        void Add(HtmlTagRole role, params string[] names)
        {
            foreach (var n in names) roles[n] = roles.GetValueOrDefault(n) | role;
        }
        // Text extraction (HtmlTags).
        Add(HtmlTagRole.TextBreak,
            "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "table",
            "section", "article", "header", "footer", "hr", "dd", "dt", "dl", "figure", "figcaption", "address", "aside",
            "nav", "main", "tbody", "thead", "form", "fieldset", "center");
        Add(HtmlTagRole.TextCell, "td", "th");
        Add(HtmlTagRole.TextHidden,
            "script", "style", "template", "head", "svg", "math", "noscript", "iframe", "object", "textarea", "select");
        // Sanitiser (HtmlAllowList).
        Add(HtmlTagRole.Allowed,
            "p", "br", "a", "b", "i", "strong", "em", "ul", "ol", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6");
        Add(HtmlTagRole.DroppedWithContent,
            "script", "style", "iframe", "frame", "frameset", "object", "applet", "form", "button", "select", "textarea",
            "option", "svg", "math", "template", "noscript", "head", "title", "video", "audio", "canvas", "map", "noembed", "xmp");
        Add(HtmlTagRole.DroppedVoid,
            "img", "input", "meta", "link", "base", "source", "track", "param", "area", "embed", "picture", "wbr", "col");
        Add(HtmlTagRole.BlockUnwrapped,
            "div", "section", "article", "tr", "table", "pre", "figure", "header", "footer", "dl", "dd", "dt", "hr", "aside");
        return roles;
    }
}
