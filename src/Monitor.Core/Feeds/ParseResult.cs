namespace Monitor.Core.Feeds;

/// <summary>Parsing either yields a document (perhaps with warnings) or a specific error; it never throws for bad input.</summary>
public sealed record ParseResult
{
    public FeedDocument? Document { get; private init; }
    public ParseError? Error { get; private init; }
    public bool IsSuccess => Document is not null;

    public static ParseResult Success(FeedDocument document) => new() { Document = document };
    public static ParseResult Failure(ParseErrorKind kind, string message) => new() { Error = new ParseError(kind, message) };
}

public sealed record ParseError(ParseErrorKind Kind, string Message)
{
    public override string ToString() => $"{Kind}: {Message}";
}

public enum ParseErrorKind { Empty, NotAFeed, Malformed, Forbidden, TooLarge }
