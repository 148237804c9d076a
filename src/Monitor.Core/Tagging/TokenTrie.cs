using Monitor.Core.Text;

namespace Monitor.Core.Tagging;

/// <summary>Where a compiled phrase matched: tokens [First, End) of the title or the body.</summary>
internal readonly record struct Occurrence(int First, int End, bool InTitle);

/// <summary>
/// Every phrase of every rule in one trie over token keys, so matching costs a few hash lookups per token however
/// many phrases there are. Two key spaces: "name" phrases are keyed by normalised words (the first word with its
/// proclitics removed; a leading article is kept as a flag so الأسد matches بالأسد and للأسد but never أسد), "keyword"
/// phrases by light stems. Lookups take spans of the token strings, so matching allocates only for results.
/// </summary>
internal sealed class TokenTrie
{
    private sealed class Node
    {
        private Dictionary<string, Node>? _children;
        private Dictionary<string, Node>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        public List<int>? Patterns;

        public Node GetOrAdd(string key)
        {
            if (_children is null)
            {
                _children = new Dictionary<string, Node>(StringComparer.Ordinal);
                _lookup = _children.GetAlternateLookup<ReadOnlySpan<char>>();
            }
            if (!_children.TryGetValue(key, out var child)) _children[key] = child = new Node();
            return child;
        }

        public Node? Find(ReadOnlySpan<char> key) =>
            _children is not null && _lookup.TryGetValue(key, out var child) ? child : null;
    }

    private readonly Node _namePlain = new();
    private readonly Node _nameWithArticle = new();
    private readonly Node _keyword = new();

    /// <summary>Adds a phrase given as its analysed words; <paramref name="keyword"/> selects stem matching.</summary>
    public void Add(IReadOnlyList<Token> words, bool keyword, int patternId)
    {
        Node node;
        if (keyword)
        {
            node = _keyword;
            foreach (var w in words) node = node.GetOrAdd(w.Stem);
        }
        else
        {
            var first = words[0].Normalized;
            var hasArticle = words[0].Kind == TokenKind.Arabic && first.StartsWith("ال", StringComparison.Ordinal)
                && first.Length - 2 >= ArabicClitics.MinRemaining;
            node = hasArticle ? _nameWithArticle.GetOrAdd(first[2..]) : _namePlain.GetOrAdd(first);
            for (var i = 1; i < words.Count; i++) node = node.GetOrAdd(words[i].Normalized);
        }
        (node.Patterns ??= []).Add(patternId);
    }

    /// <summary>Finds every phrase occurrence in <paramref name="tokens"/> and reports it to <paramref name="sink"/>.</summary>
    public void Match(IReadOnlyList<Token> tokens, bool inTitle, Action<int, Occurrence> sink)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            foreach (var start in StartsOf(token))
                Walk(start.Node, tokens, i, inTitle, start.Keyword, sink);
        }
    }

    /// <summary>Where a phrase can begin at one word: a node under a root, and which key space the walk continues in.</summary>
    private readonly record struct Start(Node Node, bool Keyword);

    /// <summary>
    /// The nodes where phrases can begin at <paramref name="token"/>, in the order the match reports them: for each
    /// clitic reading, the name phrase keyed by the rest of the word, then the keyword phrase keyed by its stem.
    /// </summary>
    private Start[] FindStarts(Token token)
    {
        Span<CliticReading> readings = stackalloc CliticReading[16];
        var word = token.Normalized.AsSpan();
        var count = token.Kind == TokenKind.Arabic ? ArabicClitics.Readings(word, readings) : 1;
        if (count == 1) readings[0] = new CliticReading(0, false);
        List<Start>? starts = null;
        for (var r = 0; r < count; r++)
        {
            var reading = readings[r];
            var rest = word[reading.Start..];
            var root = reading.ArticleRemoved ? _nameWithArticle : _namePlain;
            if (root.Find(rest) is { } name) (starts ??= []).Add(new Start(name, Keyword: false));
            if (token.Kind != TokenKind.Arabic) continue;
            var (s, l) = ArabicStemmer.StemRange(rest);
            if (_keyword.Find(rest.Slice(s, l)) is { } stem) (starts ??= []).Add(new Start(stem, Keyword: true));
        }
        if (token.Kind != TokenKind.Arabic && _keyword.Find(token.Stem) is { } latin) (starts ??= []).Add(new Start(latin, Keyword: true));
        return starts is null ? [] : [.. starts];
    }

    /// <summary>
    /// The starts of <paramref name="token"/>'s word, memoised on the word itself (<see cref="AnalyzedWord.TrieStarts"/>).
    /// News text repeats its words, and finding a word's starts costs its clitic readings, a stem per reading and two
    /// lookups per reading (the largest part of tagging in the ingest profile); the memo makes that one field read. A
    /// memo of another trie (the tagging rules were reloaded) is replaced. Words live in the per-thread word cache, so
    /// the memo is bounded with it.
    /// </summary>
    private Start[] StartsOf(Token token)
    {
        var word = token.Word;
        if (word.TrieStarts is WordStarts memo && ReferenceEquals(memo.Trie, this)) return memo.Starts;
        var starts = FindStarts(token);
        word.TrieStarts = new WordStarts(this, starts);
        return starts;
    }

    private sealed record WordStarts(TokenTrie Trie, Start[] Starts);

    private static void Walk(Node node, IReadOnlyList<Token> tokens, int first, bool inTitle, bool keyword, Action<int, Occurrence> sink)
    {
        var end = first + 1;
        while (true)
        {
            if (node.Patterns is not null)
                foreach (var p in node.Patterns) sink(p, new Occurrence(first, end, inTitle));
            if (end >= tokens.Count) return;
            var next = node.Find(keyword ? tokens[end].Stem : tokens[end].Normalized);
            if (next is null) return;
            node = next;
            end++;
        }
    }
}
