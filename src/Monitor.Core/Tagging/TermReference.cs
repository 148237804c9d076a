namespace Monitor.Core.Tagging;

/// <summary>
/// One item of a topic rule: a plain term (matched by stem), an exact term written <c>=term</c> (matched like a watch
/// "name": surface form with proclitics, no stemming), or a reference to a watch list (<c>watch:LIST</c>) or to one
/// of its entries (<c>watch:LIST/ENTRY</c>).
/// </summary>
internal readonly record struct TermReference(string? Term, string? List, string? Entry, bool Exact = false)
{
    public bool IsWatch => List is not null;

    public static TermReference Parse(string item)
    {
        var text = item.Trim();
        if (text.StartsWith('=')) return new TermReference(text[1..].Trim(), null, null, Exact: true);
        if (!text.StartsWith(TaggingVocabulary.WatchPrefix, StringComparison.OrdinalIgnoreCase))
            return new TermReference(text, null, null);
        var rest = text[TaggingVocabulary.WatchPrefix.Length..];
        var slash = rest.IndexOf('/');
        return slash < 0
            ? new TermReference(null, rest.Trim(), null)
            : new TermReference(null, rest[..slash].Trim(), rest[(slash + 1)..].Trim());
    }
}
