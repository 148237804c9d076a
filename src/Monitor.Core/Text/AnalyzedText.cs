namespace Monitor.Core.Text;

/// <summary>A text as the service sees it: its normalised form and its tokens.</summary>
public sealed record AnalyzedText(string Normalized, IReadOnlyList<Token> Tokens);

/// <summary>One word or number. <see cref="Start"/>/<see cref="Length"/> locate it in the original text.</summary>
public readonly record struct Token(string Text, string Normalized, string Stem, int Start, int Length, TokenKind Kind, bool IsStopWord);

public enum TokenKind { Arabic, Latin, Number, Other }
