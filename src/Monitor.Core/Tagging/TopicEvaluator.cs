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
    /// <summary>Evaluates only <paramref name="candidates"/>: the topics that one of this item's hits refers to.</summary>
    public List<ItemTag> Evaluate(IEnumerable<int> candidates)
    {
        var own = new SortedDictionary<int, List<TagHit>>();
        foreach (var i in candidates)
        {
            var t = topics[i];
            if (Vetoed(i)) continue;
            var any = t.Any.Select(HitsOf).ToList();
            var all = t.All.Select(HitsOf).ToList();
            if (any.Count + all.Count == 0) continue;
            if (any.Count > 0 && any.All(h => h.Count == 0)) continue;
            if (all.Any(h => h.Count == 0)) continue;
            var hits = TagHit.Outermost(any.Concat(all).SelectMany(h => h));
            if (Score(hits, t.TitleWeight) >= t.MinHits) own[i] = hits;
        }
        var result = new SortedDictionary<int, List<TagHit>>(own.ToDictionary(kv => kv.Key, kv => kv.Value.ToList()));
        foreach (var (i, hits) in own)
        {
            for (var p = topics[i].Parent; p >= 0 && !Vetoed(p); p = topics[p].Parent)
                result[p] = result.TryGetValue(p, out var existing) ? TagHit.Outermost(existing.Concat(hits)) : hits.ToList();
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

    private bool Vetoed(int topic) => topics[topic].None.Any(item => HitsOf(item).Count > 0);

    private static double Score(List<TagHit> hits, double titleWeight) => hits.Sum(h => h.InTitle ? titleWeight : 1);

    private List<TagHit> HitsOf(CompiledItem item)
    {
        if (item.Pattern >= 0)
        {
            if (!occurrences.TryGetValue(item.Pattern, out var occs)) return [];
            return occs.Select(o => TagMatcher.HitOf(item.Text, o, o.InTitle ? title.Tokens : body.Tokens)).ToList();
        }
        if (item.Entry >= 0)
            return entryHits.TryGetValue((item.List, item.Entry), out var one) ? one : [];
        return entryHits.Where(kv => kv.Key.List == item.List).SelectMany(kv => kv.Value).ToList();
    }
}
