using System.Xml;

namespace Monitor.Core.Feeds;

/// <summary>
/// Bytes → <see cref="FeedDocument"/> for RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0, streaming with
/// <see cref="XmlReader"/>. Never throws for bad input: broken XML keeps every entry read before the break and marks
/// the document malformed; a DOCTYPE with an internal subset is refused before any XML API sees it.
/// </summary>
public static class FeedParser
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        CheckCharacters = false,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = true,
    };

    public static ParseResult Parse(byte[] content, FeedParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (content is null || content.Length == 0 || content.AsSpan().IndexOfAnyExcept(" \t\r\n"u8) < 0)
            return ParseResult.Failure(ParseErrorKind.Empty, "the document is empty");

        var warnings = new List<string>();
        var decoded = FeedEncoding.Decode(content, options.ContentType);
        if (decoded.Warning is not null) warnings.Add(decoded.Warning);

        var repaired = XmlRepair.Run(decoded.Text);
        if (repaired.Forbidden) return ParseResult.Failure(ParseErrorKind.Forbidden, repaired.ForbiddenReason!);
        var malformed = false;
        foreach (var repair in repaired.Repairs)
        {
            warnings.Add(repair);
            // Ignoring an external DOCTYPE is policy, not damage.
            if (!repair.StartsWith("external DOCTYPE", StringComparison.Ordinal)) malformed = true;
        }

        var attempt = ReadXml(repaired.Text, options);
        if (attempt.Error is { } firstError && UndeclaredPrefixes.Declare(repaired.Text) is { } declaredText)
        {
            var second = ReadXml(declaredText, options);
            if (second.Error is null || second.Raw.Entries.Count >= attempt.Raw.Entries.Count)
            {
                warnings.Add("undeclared namespace prefixes were declared to read the document");
                malformed = true;
                attempt = second;
            }
            else attempt = attempt with { Error = firstError };
        }
        var (raw, walker, isFeed, error) = attempt;
        if (error is not null)
        {
            if (raw.Format == FeedFormat.Unknown)
                return ParseResult.Failure(ParseErrorKind.Malformed, $"not readable as XML: {error.Message}");
            isFeed = true;
            malformed = true;
            warnings.Add($"XML broke off at line {error.LineNumber}, position {error.LinePosition} ({error.Message}); entries read before it are kept");
            if (walker.Pending is { } partial && (partial.Title ?? partial.Link ?? partial.Id) is not null
                && raw.Entries.Count < options.MaxEntries)
                raw.Entries.Add(partial);
        }
        if (!isFeed) return ParseResult.Failure(ParseErrorKind.NotAFeed, "the root element is not rss, rdf:RDF, feed or entry");
        if (walker.DroppedEntries > 0)
            warnings.Add($"{walker.DroppedEntries} entries beyond the limit of {options.MaxEntries} were dropped");

        var document = FeedDocumentBuilder.Build(raw, options, warnings) with { IsMalformed = malformed };
        return ParseResult.Success(document);
    }

    private sealed record Attempt(RawFeed Raw, FeedXmlWalker Walker, bool IsFeed, XmlException? Error);

    private static Attempt ReadXml(string text, FeedParseOptions options)
    {
        var raw = new RawFeed { Base = options.BaseUri };
        var walker = new FeedXmlWalker(raw, Math.Max(0, options.MaxEntries));
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), Settings);
            return new Attempt(raw, walker, walker.Walk(reader), null);
        }
        catch (XmlException ex)
        {
            return new Attempt(raw, walker, false, ex);
        }
    }
}
