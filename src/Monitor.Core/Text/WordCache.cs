namespace Monitor.Core.Text;

/// <summary>What analysis knows about one surface word: computed once, then shared by every occurrence.</summary>
internal sealed record AnalyzedWord(string Surface, string Normalized, string Stem, TokenKind Kind, bool IsStopWord);

/// <summary>
/// Per-thread cache from a surface word to its analysis. News text repeats its words, so most tokens cost one hash
/// lookup on the span and no allocation. Bounded: cleared when it grows past <see cref="MaxEntries"/>.
/// </summary>
internal sealed class WordCache
{
    private const int MaxEntries = 20_000;

    [ThreadStatic] private static WordCache? _current;
    public static WordCache Current => _current ??= new WordCache();

    private readonly Dictionary<string, AnalyzedWord?> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AnalyzedWord?>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private WordCache() => _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();

    public AnalyzedWord? Get(ReadOnlySpan<char> surface, CharClass cls)
    {
        if (_lookup.TryGetValue(surface, out var known)) return known;
        if (_words.Count >= MaxEntries) _words.Clear();
        var surfaceText = surface.ToString();
        var word = Analyze(surfaceText, cls);
        _words[surfaceText] = word;
        return word;
    }

    private static AnalyzedWord? Analyze(string surface, CharClass cls)
    {
        Span<char> buffer = surface.Length <= 256 ? stackalloc char[surface.Length] : new char[surface.Length];
        var n = ArabicNormalizer.NormalizeInto(surface, buffer, out var expanded);
        var normalized = expanded ?? (n == surface.Length && buffer[..n].SequenceEqual(surface) ? surface : new string(buffer[..n]));
        if (normalized.Length == 0) return null;
        var kind = cls switch
        {
            CharClass.ArabicLetter => TokenKind.Arabic,
            CharClass.Digit => TokenKind.Number,
            _ => IsAsciiDigits(normalized) ? TokenKind.Number : TokenKind.Latin,
        };
        var stem = kind == TokenKind.Arabic ? ArabicStemmer.Stem(normalized) : normalized;
        var stop = kind == TokenKind.Arabic && StopWords.IsStopWord(normalized);
        return new AnalyzedWord(surface, normalized, stem, kind, stop);
    }

    private static bool IsAsciiDigits(string s)
    {
        foreach (var c in s)
            if (c is < '0' or > '9') return false;
        return true;
    }
}
