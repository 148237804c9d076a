namespace Monitor.Core.Text;

/// <summary>A text as the service sees it: its normalised form and its tokens.</summary>
public sealed record AnalyzedText(string Normalized, IReadOnlyList<Token> Tokens);

/// <summary>
/// One word or number. <see cref="Start"/>/<see cref="Length"/> locate it in the original text; the rest is its word's
/// analysis (<see cref="AnalyzedWord"/>), shared by every occurrence of the same surface word, so a token is a reference
/// and two integers rather than three strings and two flags (an article has hundreds).
/// </summary>
public readonly struct Token : IEquatable<Token>
{
    internal Token(AnalyzedWord word, int start, int length) => (Word, Start, Length) = (word, start, length);

    internal AnalyzedWord Word { get; }
    public int Start { get; }
    public int Length { get; }
    public string Text => Word.Surface;
    public string Normalized => Word.Normalized;
    public string Stem => Word.Stem;
    public TokenKind Kind => Word.Kind;
    public bool IsStopWord => Word.IsStopWord;

    public bool Equals(Token other) => Start == other.Start && Length == other.Length && Word.Equals(other.Word);
    public override bool Equals(object? obj) => obj is Token other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Word, Start, Length);
    public static bool operator ==(Token a, Token b) => a.Equals(b);
    public static bool operator !=(Token a, Token b) => !a.Equals(b);
    public override string ToString() => $"{Text} ({Kind}, {Normalized}/{Stem}) at {Start}+{Length}";
}

public enum TokenKind { Arabic, Latin, Number, Other }
