using Monitor.Core.Text;

namespace Monitor.Core.Tagging;

/// <summary>
/// Decides which topics an item gets from the phrase hits of one match. A topic fires when every All item hit, at
/// least one Any item hit (if it has Any items), no None item hit, and the weighted hits of Any and All (a title hit
/// counts TitleWeight) reach MinHits. A fired sub-topic also tags its ancestors (with its hits as the reason), unless
/// an ancestor's own None items veto it.
/// </summary>
internal sealed class TopicEvaluator(
    IReadOnlyList<CompiledTopic> topics,
    Dictionary<int, List<Occurrence>> occurrences,
    Dictionary<(int List, int Entry), List<TagHit>> entryHits,
    AnalyzedText title,
    AnalyzedText body)
{
    // One match evaluates a topic's items again for each topic and ancestor that names them: each item's hits and each
    // topic's veto are computed once per match (by reference: two items with the same text are still two items).
    private readonly Dictionary<CompiledItem, List<TagHit>> _hits = new(ReferenceEqualityComparer.Instance);
    private readonly sbyte[] _vetoed = new sbyte[topics.Count]; // 0 not yet known, 1 vetoed, -1 not vetoed

    /// <summary>Evaluates only <paramref name="candidates"/>: the topics that one of this item's hits refers to.</summary>
    public List<ItemTag> Evaluate(IEnumerable<int> candidates)
    {
        var own = new SortedDictionary<int, List<TagHit>>();
        var gathered = new List<TagHit>();
        foreach (var i in candidates)
        {
            var t = topics[i];
            if (Vetoed(i)) continue;
            if (t.Any.Count + t.All.Count == 0) continue;
            if (t.Any.Count > 0 && !AnyHit(t.Any)) continue;
            if (!AllHit(t.All)) continue;
            gathered.Clear();
            Gather(t.Any, gathered);
            Gather(t.All, gathered);
            var hits = TagHit.Outermost(gathered);
            if (Score(hits, t.TitleWeight) >= t.MinHits) own[i] = hits;
        }
        var result = new SortedDictionary<int, List<TagHit>>();
        foreach (var (i, hits) in own) result[i] = [.. hits];
        foreach (var (i, hits) in own)
        {
            for (var p = topics[i].Parent; p >= 0 && !Vetoed(p); p = topics[p].Parent)
                result[p] = result.TryGetValue(p, out var existing) ? TagHit.Outermost([.. existing, .. hits]) : [.. hits];
        }
        var tags = new List<ItemTag>();
        foreach (var (i, h) in result)
        {
            if (h.Count == 0) continue;
            var t = topics[i];
            tags.Add(new ItemTag(TagKind.Topic, t.Name, null, h, Score(h, t.TitleWeight)) { Id = t.Id, Facet = t.Kind });
        }
        return tags;
    }

    // Index loops over the rules' lists: a foreach over an IReadOnlyList allocates an enumerator each time.
    private bool AnyHit(IReadOnlyList<CompiledItem> items)
    {
        for (var k = 0; k < items.Count; k++) if (IsHit(items[k])) return true;
        return false;
    }

    private bool AllHit(IReadOnlyList<CompiledItem> items)
    {
        for (var k = 0; k < items.Count; k++) if (!IsHit(items[k])) return false;
        return true;
    }

    /// <summary>The hits of the items that hit. An item without hits adds nothing, so its (empty) hit list is neither
    /// built nor remembered: a topic names up to hundreds of Any items, of which an article hits a few.</summary>
    private void Gather(IReadOnlyList<CompiledItem> items, List<TagHit> gathered)
    {
        for (var k = 0; k < items.Count; k++)
            if (IsHit(items[k])) gathered.AddRange(HitsOf(items[k]));
    }

    /// <summary>
    /// Whether <see cref="HitsOf"/> would be non-empty, answered without building the hits: a topic with many Any
    /// items asks this of each until one hits, and building (and remembering) empty hit lists for the rest was most of
    /// tagging's evaluation time (ingest profile, native build).
    /// </summary>
    private bool IsHit(CompiledItem item)
    {
        if (item.Pattern >= 0) return occurrences.ContainsKey(item.Pattern); // a pattern's list is never empty
        if (item.Entry >= 0) return entryHits.ContainsKey((item.List, item.Entry));
        foreach (var key in entryHits.Keys)
            if (key.List == item.List) return true;
        return false;
    }

    private bool Vetoed(int topic)
    {
        if (_vetoed[topic] != 0) return _vetoed[topic] > 0;
        var vetoed = AnyHit(topics[topic].None);
        _vetoed[topic] = vetoed ? (sbyte)1 : (sbyte)-1;
        return vetoed;
    }

    private static double Score(List<TagHit> hits, double titleWeight)
    {
        var score = 0.0;
        foreach (var h in hits) score += h.InTitle ? titleWeight : 1;
        return score;
    }

    /// <summary>The item's hits in this match. Shared between callers: read only.</summary>
    private List<TagHit> HitsOf(CompiledItem item)
    {
        if (_hits.TryGetValue(item, out var known)) return known;
        List<TagHit> hits;
        if (item.Pattern >= 0)
        {
            hits = [];
            if (occurrences.TryGetValue(item.Pattern, out var occs))
                foreach (var o in occs) hits.Add(TagMatcher.HitOf(item.Text, o, o.InTitle ? title.Tokens : body.Tokens));
        }
        else if (item.Entry >= 0)
            hits = entryHits.TryGetValue((item.List, item.Entry), out var one) ? one : [];
        else
        {
            hits = [];
            foreach (var (key, entry) in entryHits)
                if (key.List == item.List) hits.AddRange(entry);
        }
        return _hits[item] = hits;
    }
}
