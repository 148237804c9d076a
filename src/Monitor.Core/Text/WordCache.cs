namespace Monitor.Core.Text;

/// <summary>What analysis knows about one surface word: computed once, then shared by every occurrence.</summary>
internal sealed class AnalyzedWord(string surface, string normalized, string stem, TokenKind kind, bool isStopWord) : IEquatable<AnalyzedWord>
{
    public string Surface { get; } = surface;
    public string Normalized { get; } = normalized;
    public string Stem { get; } = stem;
    public TokenKind Kind { get; } = kind;
    public bool IsStopWord { get; } = isStopWord;

    /// <summary>What the tagging trie last found for this word (<c>TokenTrie</c>'s memo, with the trie it belongs to):
    /// a word's phrase starts follow from the word alone, so the memo lives with it rather than in a dictionary keyed
    /// by its text. One reference, replaced whole, so a thread reading it sees either the old memo or the new.</summary>
    internal object? TrieStarts;

    // Two words are equal when their analysis is (the memo is a cache, not part of the word).
    public bool Equals(AnalyzedWord? other) =>
        ReferenceEquals(this, other) || (other is not null && Surface == other.Surface && Normalized == other.Normalized
                                         && Stem == other.Stem && Kind == other.Kind && IsStopWord == other.IsStopWord);
    public override bool Equals(object? obj) => Equals(obj as AnalyzedWord);
    public override int GetHashCode() => HashCode.Combine(Surface, Kind);
}

/// <summary>
/// Per-thread cache from a surface word to its analysis. News text repeats its words, so most tokens cost one hash
/// lookup on the span and no allocation. An open-addressing table of (hash, word) slots rather than a dictionary: a hit
/// reads one slot and compares the span with the word it holds, where the dictionary's lookup went through a bucket,
/// an entry and an interface call to its comparer (5% of ingest's CPU in the native build's profile). Bounded: cleared
/// when it holds <see cref="MaxEntries"/> words. Hashes are not randomised, so a probe stops after
/// <see cref="MaxProbe"/> slots: text crafted to collide costs a fresh analysis per word, never a scan of the table.
/// </summary>
internal sealed class WordCache
{
    internal const int MaxEntries = 20_000;
    private const int MaxCapacity = 32_768;   // a power of two above MaxEntries: at most 61% full
    internal const int MaxProbe = 32;
    internal const int InitialCapacity = 1024;

    [ThreadStatic] private static WordCache? _current;
    public static WordCache Current => _current ??= new WordCache();

    internal WordCache() { }

    /// <summary>Words held (for tests).</summary>
    internal int Count => _count;

    private struct Slot
    {
        public int Hash;
        public AnalyzedWord? Word;   // null: empty slot
    }

    // Starts small (a thread that analyses one headline keeps little) and doubles each time it is half full.
    private Slot[] _slots = new Slot[InitialCapacity];
    private int _count;

    public AnalyzedWord? Get(ReadOnlySpan<char> surface, CharClass cls)
    {
        var hash = Hash(surface);
        var mask = _slots.Length - 1;
        var i = hash & mask;
        for (var probe = 0; probe < MaxProbe; probe++, i = (i + 1) & mask)
        {
            ref var slot = ref _slots[i];
            if (slot.Word is null)
            {
                // A surface with nothing left after normalisation (marks or tatweel alone) is cached too, as a word
                // with an empty normalised form (which no real word has), and answered as null.
                var text = surface.ToString();
                var word = Analyze(text, cls);
                Add(hash, word ?? new AnalyzedWord(text, "", "", TokenKind.Other, false));
                return word;
            }
            if (slot.Hash == hash && surface.SequenceEqual(slot.Word.Surface))
                return slot.Word.Normalized.Length == 0 ? null : slot.Word;
        }
        return Analyze(surface.ToString(), cls);
    }

    private void Add(int hash, AnalyzedWord word)
    {
        if (_count >= MaxEntries)
        {
            Array.Clear(_slots);
            _count = 0;
        }
        else if (_count * 2 >= _slots.Length && _slots.Length < MaxCapacity)
        {
            var old = _slots;
            _slots = new Slot[old.Length * 2];
            _count = 0;
            foreach (var s in old)
                if (s.Word is not null) Insert(s.Hash, s.Word);
        }
        Insert(hash, word);
    }

    private void Insert(int hash, AnalyzedWord word)
    {
        var mask = _slots.Length - 1;
        var i = hash & mask;
        for (var probe = 0; probe < MaxProbe; probe++, i = (i + 1) & mask)
        {
            if (_slots[i].Word is not null) continue;
            _slots[i] = new Slot { Hash = hash, Word = word };
            _count++;
            return;
        }
        // A long run of collisions: the word is simply not cached.
    }

    /// <summary>FNV-1a over the UTF-16 units, then mixed so the low bits (the slot) depend on every character.</summary>
    internal static int Hash(ReadOnlySpan<char> s)
    {
        var h = 2166136261u;
        foreach (var c in s) h = (h ^ c) * 16777619u;
        h ^= h >> 15;
        h *= 0x2c1b3c6du;
        h ^= h >> 12;
        return (int)(h & 0x7fffffff);
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
