using Monitor.Core.Text;

namespace Monitor.Core.Tagging;

/// <summary>
/// All topics and watch lists compiled into one <see cref="TokenTrie"/>. <see cref="Match"/> walks the title and body
/// tokens once, then evaluates each topic rule over the phrase hits. Immutable and thread-safe once compiled.
/// </summary>
public sealed class TagMatcher
{
    /// <summary>Shortest stem a keyword is matched by; shorter ones fall back to surface (name) matching.</summary>
    public const int MinKeywordStem = 3;

    private readonly TokenTrie _trie;
    private readonly IReadOnlyList<IReadOnlyList<PhraseOwner>> _owners; // per pattern: watch entries it spells
    private readonly IReadOnlyList<CompiledList> _lists;
    private readonly IReadOnlyList<CompiledTopic> _topics;
    private readonly int[][] _topicsByPattern; // pattern id -> topics whose Any/All use it
    private readonly int[][] _topicsByList;    // watch list -> topics whose Any/All refer to it

    private TagMatcher(TokenTrie trie, IReadOnlyList<IReadOnlyList<PhraseOwner>> owners,
        IReadOnlyList<CompiledList> lists, IReadOnlyList<CompiledTopic> topics)
    {
        _trie = trie; _owners = owners; _lists = lists; _topics = topics;
        // Only topics touched by a hit can fire (None items alone cannot), so a match evaluates those and no others.
        // Arrays rather than lookups: a lookup's group is enumerated through an interface, one enumerator per hit.
        var uses = topics.SelectMany((t, i) => t.Any.Concat(t.All).Select(item => (item, i))).ToList();
        var byPattern = uses.Where(u => u.item.Pattern >= 0).ToLookup(u => u.item.Pattern, u => u.i);
        var byList = uses.Where(u => u.item.List >= 0).ToLookup(u => u.item.List, u => u.i);
        _topicsByPattern = Enumerable.Range(0, owners.Count).Select(p => byPattern[p].ToArray()).ToArray();
        _topicsByList = Enumerable.Range(0, lists.Count).Select(l => byList[l].ToArray()).ToArray();
    }

    /// <summary>Number of distinct phrases compiled (spellings and topic terms after normalisation).</summary>
    public int TermCount => _owners.Count;

    /// <summary>Compiles a configuration; throws <see cref="TaggingConfigurationException"/> listing every problem.</summary>
    public static TagMatcher Compile(TaggingOptions o)
    {
        var errors = TaggingOptionsValidator.Validate(o);
        if (errors.Count > 0) throw new TaggingConfigurationException(errors);
        return new Compiler().Run(o);
    }

    /// <summary>Compiles without throwing: the matcher, or null with the problems.</summary>
    public static TagMatcher? TryCompile(TaggingOptions o, out IReadOnlyList<string> errors)
    {
        errors = TaggingOptionsValidator.Validate(o);
        return errors.Count == 0 ? new Compiler().Run(o) : null;
    }

    /// <summary>The tags of an item: topics (in configuration order) then watch-list entries, each with its hits.</summary>
    public IReadOnlyList<ItemTag> Match(AnalyzedText title, AnalyzedText body)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(body);
        var occurrences = new Dictionary<int, List<Occurrence>>();
        void Sink(int pattern, Occurrence occ)
        {
            if (!occurrences.TryGetValue(pattern, out var list)) occurrences[pattern] = list = [];
            foreach (var seen in list) if (seen == occ) return; // several clitic readings can find the same phrase
            list.Add(occ);
        }
        _trie.Match(title.Tokens, inTitle: true, Sink);
        _trie.Match(body.Tokens, inTitle: false, Sink);

        var entryHits = CollectEntryHits(occurrences, title, body);
        // The topics a hit refers to, each once, in order of first mention.
        var candidates = new List<int>();
        var seen = new HashSet<int>();
        foreach (var pattern in occurrences.Keys)
            foreach (var topic in _topicsByPattern[pattern])
                if (seen.Add(topic)) candidates.Add(topic);
        var lists = new HashSet<int>();
        foreach (var (list, _) in entryHits.Keys)
            if (lists.Add(list))
                foreach (var topic in _topicsByList[list])
                    if (seen.Add(topic)) candidates.Add(topic);
        var tags = new TopicEvaluator(_topics, occurrences, entryHits, title, body).Evaluate(candidates);
        // By list, then entry (the keys are distinct, so a plain sort orders them as a stable one would).
        var entries = new (int List, int Entry)[entryHits.Count];
        entryHits.Keys.CopyTo(entries, 0);
        Array.Sort(entries);
        foreach (var (list, entry) in entries)
        {
            var hits = entryHits[(list, entry)];
            var l = _lists[list];
            var score = 0.0;
            foreach (var h in hits) score += h.InTitle ? l.TitleWeight : 1;
            tags.Add(new ItemTag(TagKind.Watch, l.Name, l.Entries[entry].Name, hits, score)
            {
                Id = $"{TaggingVocabulary.WatchPrefix}{l.Name}/{l.Entries[entry].Name}",
                Facet = l.Kind,
            });
        }
        return tags;
    }

    private Dictionary<(int List, int Entry), List<TagHit>> CollectEntryHits(
        Dictionary<int, List<Occurrence>> occurrences, AnalyzedText title, AnalyzedText body)
    {
        var result = new Dictionary<(int, int), List<TagHit>>();
        foreach (var (pattern, occs) in occurrences)
        {
            var owners = _owners[pattern];
            for (var k = 0; k < owners.Count; k++)
            {
                var owner = owners[k];
                var entry = _lists[owner.List].Entries[owner.Entry];
                foreach (var occ in occs)
                {
                    var tokens = occ.InTitle ? title.Tokens : body.Tokens;
                    if (Excluded(entry, tokens, occ)) continue;
                    if (!result.TryGetValue((owner.List, owner.Entry), out var hits)) result[(owner.List, owner.Entry)] = hits = [];
                    hits.Add(HitOf(owner.Term, occ, tokens));
                }
            }
        }
        foreach (var key in result.Keys.ToList()) result[key] = TagHit.Outermost(result[key]);
        return result;
    }

    // Index loops rather than LINQ's Any or foreach: a lambda capturing the occurrence, or an enumerator of the
    // interface, was allocated for every occurrence.
    private static bool Excluded(CompiledEntry entry, IReadOnlyList<Token> tokens, Occurrence occ)
    {
        for (var k = 0; k < entry.NotFollowedBy.Count; k++)
            if (Exclusions.FollowedBy(tokens, occ.End, entry.NotFollowedBy[k])) return true;
        for (var k = 0; k < entry.NotPrecededBy.Count; k++)
            if (Exclusions.PrecededBy(tokens, occ.First, entry.NotPrecededBy[k])) return true;
        return false;
    }

    internal static TagHit HitOf(string term, Occurrence occ, IReadOnlyList<Token> tokens)
    {
        string surface;
        if (occ.End - occ.First == 1) surface = tokens[occ.First].Text;
        else
        {
            var words = new string[occ.End - occ.First];
            for (var k = 0; k < words.Length; k++) words[k] = tokens[occ.First + k].Text;
            surface = string.Join(' ', words);
        }
        var last = tokens[occ.End - 1];
        return new TagHit(term, surface, tokens[occ.First].Start, occ.InTitle) { Length = last.Start + last.Length - tokens[occ.First].Start };
    }

    /// <summary>Builds the trie and the compiled rules from a validated configuration.</summary>
    private sealed class Compiler
    {
        private readonly TokenTrie _trie = new();
        private readonly Dictionary<string, int> _patternIds = new(StringComparer.Ordinal);
        private readonly List<List<PhraseOwner>> _owners = [];

        public TagMatcher Run(TaggingOptions o)
        {
            var lists = new List<CompiledList>();
            for (var i = 0; i < o.WatchLists.Count; i++) lists.Add(CompileList(o.WatchLists[i], i));
            var ids = o.Topics.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
            var topics = o.Topics.Select(t => new CompiledTopic(
                t.Id, t.Name, t.Kind, t.Parent is null ? -1 : ids[t.Parent], t.MinHits, t.TitleWeight,
                Items(t.Any, lists), Items(t.All, lists), Items(t.None, lists))).ToList();
            return new TagMatcher(_trie, _owners, lists, topics);
        }

        private CompiledList CompileList(WatchListOptions l, int listIndex)
        {
            var entries = new List<CompiledEntry>();
            for (var j = 0; j < l.Entries.Count; j++)
            {
                var e = l.Entries[j];
                var keyword = e.Match == TaggingVocabulary.MatchKeyword;
                foreach (var spelling in new[] { e.Name }.Concat(e.Variants).Distinct(StringComparer.Ordinal))
                    _owners[Pattern(spelling, keyword)].Add(new PhraseOwner(listIndex, j, spelling));
                entries.Add(new CompiledEntry(e.Name, Analyse(e.NotFollowedBy), Analyse(e.NotPrecededBy)));
            }
            return new CompiledList(l.Name, l.Kind, l.TitleWeight, entries);
        }

        private static List<IReadOnlyList<Token>> Analyse(List<string> phrases) =>
            phrases.Select(p => (IReadOnlyList<Token>)TextAnalyzer.Analyze(p).Tokens).ToList();

        private List<CompiledItem> Items(List<string> items, List<CompiledList> lists)
        {
            var result = new List<CompiledItem>();
            foreach (var item in items)
            {
                var r = TermReference.Parse(item);
                if (!r.IsWatch) { result.Add(new CompiledItem(r.Term!, Pattern(r.Term!, keyword: !r.Exact), -1, -1)); continue; }
                var list = lists.FindIndex(l => l.Name == r.List);
                var entry = r.Entry is null ? -1 : lists[list].Entries.ToList().FindIndex(e => e.Name == r.Entry);
                result.Add(new CompiledItem(item.Trim(), -1, list, entry));
            }
            return result;
        }

        /// <summary>The id of a phrase in one match mode, adding it to the trie the first time it is seen.</summary>
        private int Pattern(string phrase, bool keyword)
        {
            var words = TextAnalyzer.Analyze(phrase).Tokens;
            // A stem of one or two letters (أدان → اد, يدين → يد) would match unrelated words (وادي, بيد): such a
            // phrase is matched by its surface form instead.
            if (keyword && words.Any(w => w.Kind == TokenKind.Arabic && w.Stem.Length < MinKeywordStem)) keyword = false;
            var key = (keyword ? "k\u0001" : "n\u0001") + string.Join('\u0001', words.Select(w => keyword ? w.Stem : w.Normalized));
            if (_patternIds.TryGetValue(key, out var id)) return id;
            id = _owners.Count;
            _owners.Add([]);
            _patternIds[key] = id;
            _trie.Add(words, keyword, id);
            return id;
        }
    }
}
