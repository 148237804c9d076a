namespace Monitor.Core.Text;

/// <summary>Splits text into words and numbers, keeping their place in the original.</summary>
public static class Tokenizer
{
    public static IReadOnlyList<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || char.GetUnicodeCategory(text[i]) == System.Globalization.UnicodeCategory.NonSpacingMark)) i++;
            var surface = text[start..i];
            var normalized = ArabicNormalizer.Normalize(surface);
            var kind = char.IsDigit(surface[0]) ? TokenKind.Number : surface[0] >= '\u0600' ? TokenKind.Arabic : TokenKind.Latin;
            tokens.Add(new Token(surface, normalized, normalized, start, i - start, kind, false));
        }
        return tokens;
    }
}
