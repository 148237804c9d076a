namespace Monitor.Core.Text;

/// <summary>Entry point of text analysis: normalise, tokenise, mark stop words, stem.</summary>
public static class TextAnalyzer
{
    public static AnalyzedText Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new AnalyzedText(ArabicNormalizer.Normalize(text), Tokenizer.Tokenize(text));
    }

    /// <summary>The empty text (a missing title, say).</summary>
    public static AnalyzedText Empty { get; } = new("", []);
}
