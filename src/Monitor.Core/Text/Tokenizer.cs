namespace Monitor.Core.Text;

/// <summary>
/// Splits text into Arabic words, Latin (or other-script) words and numbers, keeping each token's place in the
/// original. A token is a run of one script class; combining marks, tatweel and format controls stay inside it, and
/// a number keeps its inner separators (1,200 and 3.5). A change of class splits, so لـ53 gives لـ and 53.
/// </summary>
public static class Tokenizer
{
    public static IReadOnlyList<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>(Math.Max(4, text.Length / 6));
        var cache = WordCache.Current;
        var i = 0;
        while (i < text.Length)
        {
            var cls = CharTables.ClassOf(text[i]);
            if (cls is CharClass.Separator or CharClass.Joiner) { i++; continue; }
            var start = i;
            i = EndOfToken(text, i + 1, cls);
            var word = cache.Get(text.AsSpan(start, i - start), cls);
            if (word is null) continue; // only marks/tatweel: nothing left after normalisation
            tokens.Add(new Token(word, start, i - start));
        }
        return tokens;
    }

    private static int EndOfToken(string text, int i, CharClass cls)
    {
        while (i < text.Length)
        {
            var c = text[i];
            var next = CharTables.ClassOf(c);
            if (next == cls || next == CharClass.Joiner) { i++; continue; }
            if (cls == CharClass.Digit && IsNumberSeparator(c) && i + 1 < text.Length
                && CharTables.ClassOf(text[i + 1]) == CharClass.Digit) { i += 2; continue; }
            break;
        }
        return i;
    }

    private static bool IsNumberSeparator(char c) => c is '.' or ',' or '\u066B' or '\u066C';
}
