namespace Monitor.Core.Text;

/// <summary>Entry point of text analysis: normalise, tokenise, mark stop words, stem.</summary>
public static class TextAnalyzer
{
    public static AnalyzedText Analyze(string text)
    {
        var tokens = Tokenizer.Tokenize(text);
        return new AnalyzedText(ArabicNormalizer.Normalize(text), tokens);
    }
}
