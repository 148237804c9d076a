using Monitor.Core.Text;

namespace Monitor.Core.Tagging;

/// <summary>
/// Lists every problem of a tagging configuration, each prefixed with its configuration path
/// (e.g. <c>Monitor:Tagging:Topics:3:Any:0: references unknown watch list "x"</c>). Empty means valid.
/// </summary>
public static class TaggingOptionsValidator
{
    public static IReadOnlyList<string> Validate(TaggingOptions o, string path = "Monitor:Tagging")
    {
        var errors = new List<string>();
        if (o is null) { errors.Add($"{path}: section is missing"); return errors; }
        var lists = ValidateWatchLists(o.WatchLists ?? [], $"{path}:WatchLists", errors);
        ValidateTopics(o.Topics ?? [], lists, $"{path}:Topics", errors);
        return errors;
    }

    private static Dictionary<string, HashSet<string>> ValidateWatchLists(List<WatchListOptions> lists, string path, List<string> errors)
    {
        var known = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        for (var i = 0; i < lists.Count; i++)
        {
            var p = $"{path}:{i}";
            var list = lists[i];
            if (list is null) { errors.Add($"{p}: watch list is empty"); continue; }
            if (string.IsNullOrWhiteSpace(list.Name)) errors.Add($"{p}:Name: is required");
            else if (list.Name.Contains('/')) errors.Add($"{p}:Name: \"{list.Name}\" must not contain '/'");
            else if (known.ContainsKey(list.Name)) errors.Add($"{p}:Name: duplicate watch list \"{list.Name}\"");
            if (!TaggingVocabulary.WatchKinds.Contains(list.Kind))
                errors.Add($"{p}:Kind: \"{list.Kind}\" is not one of {string.Join(", ", TaggingVocabulary.WatchKinds)}");
            if (list.TitleWeight is < 1 or > 100 || double.IsNaN(list.TitleWeight))
                errors.Add($"{p}:TitleWeight: {list.TitleWeight} must be between 1 and 100");
            var entries = new HashSet<string>(StringComparer.Ordinal);
            var es = list.Entries ?? [];
            if (es.Count == 0) errors.Add($"{p}:Entries: the list has no entries");
            for (var j = 0; j < es.Count; j++) ValidateEntry(es[j], $"{p}:Entries:{j}", entries, errors);
            if (!string.IsNullOrWhiteSpace(list.Name)) known.TryAdd(list.Name, entries);
        }
        return known;
    }

    private static void ValidateEntry(WatchEntryOptions? e, string p, HashSet<string> names, List<string> errors)
    {
        if (e is null) { errors.Add($"{p}: entry is empty"); return; }
        if (string.IsNullOrWhiteSpace(e.Name)) errors.Add($"{p}:Name: is required");
        else
        {
            if (!names.Add(e.Name)) errors.Add($"{p}:Name: duplicate entry \"{e.Name}\"");
            RequireWords(e.Name, $"{p}:Name", errors);
        }
        if (!TaggingVocabulary.MatchModes.Contains(e.Match))
            errors.Add($"{p}:Match: \"{e.Match}\" is not one of {string.Join(", ", TaggingVocabulary.MatchModes)}");
        CheckPhrases(e.Variants, $"{p}:Variants", errors);
        CheckPhrases(e.NotFollowedBy, $"{p}:NotFollowedBy", errors);
        CheckPhrases(e.NotPrecededBy, $"{p}:NotPrecededBy", errors);
    }

    private static void CheckPhrases(List<string>? phrases, string p, List<string> errors)
    {
        if (phrases is null) return;
        for (var k = 0; k < phrases.Count; k++) RequireWords(phrases[k], $"{p}:{k}", errors);
    }

    private static void RequireWords(string? phrase, string p, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(phrase)) errors.Add($"{p}: is empty");
        else if (TextAnalyzer.Analyze(phrase).Tokens.Count == 0) errors.Add($"{p}: \"{phrase}\" contains no words");
    }

    private static void ValidateTopics(List<TopicOptions> topics, Dictionary<string, HashSet<string>> lists, string path, List<string> errors)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < topics.Count; i++)
            if (topics[i] is { Id: { Length: > 0 } id } && !ids.TryAdd(id, i))
                errors.Add($"{path}:{i}:Id: duplicate topic id \"{id}\"");
        var hasChildren = topics.Where(t => t?.Parent is not null).Select(t => t.Parent!).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < topics.Count; i++)
        {
            var p = $"{path}:{i}";
            var t = topics[i];
            if (t is null) { errors.Add($"{p}: topic is empty"); continue; }
            if (string.IsNullOrWhiteSpace(t.Id)) errors.Add($"{p}:Id: is required");
            else if (!IsSlug(t.Id)) errors.Add($"{p}:Id: \"{t.Id}\" must be lower-case a-z, 0-9 and '-'");
            if (string.IsNullOrWhiteSpace(t.Name)) errors.Add($"{p}:Name: is required");
            if (!TaggingVocabulary.TopicKinds.Contains(t.Kind))
                errors.Add($"{p}:Kind: \"{t.Kind}\" is not one of {string.Join(", ", TaggingVocabulary.TopicKinds)}");
            if (t.MinHits < 1) errors.Add($"{p}:MinHits: {t.MinHits} must be at least 1");
            if (t.TitleWeight is < 1 or > 100 || double.IsNaN(t.TitleWeight))
                errors.Add($"{p}:TitleWeight: {t.TitleWeight} must be between 1 and 100");
            if (t.Parent is not null)
            {
                if (!ids.ContainsKey(t.Parent)) errors.Add($"{p}:Parent: unknown topic id \"{t.Parent}\"");
                else if (HasCycle(topics, ids, i)) errors.Add($"{p}:Parent: \"{t.Parent}\" makes a cycle of parents");
            }
            if ((t.Any ?? []).Count == 0 && (t.All ?? []).Count == 0 && !hasChildren.Contains(t.Id))
                errors.Add($"{p}: needs at least one item in Any or All (or a sub-topic)");
            CheckItems(t.Any, $"{p}:Any", lists, errors);
            CheckItems(t.All, $"{p}:All", lists, errors);
            CheckItems(t.None, $"{p}:None", lists, errors);
        }
    }

    private static void CheckItems(List<string>? items, string p, Dictionary<string, HashSet<string>> lists, List<string> errors)
    {
        if (items is null) return;
        for (var k = 0; k < items.Count; k++)
        {
            var ip = $"{p}:{k}";
            if (string.IsNullOrWhiteSpace(items[k])) { errors.Add($"{ip}: is empty"); continue; }
            var r = TermReference.Parse(items[k]);
            if (!r.IsWatch) { RequireWords(r.Term, ip, errors); continue; }
            if (!lists.TryGetValue(r.List!, out var entries))
                errors.Add($"{ip}: references unknown watch list \"{r.List}\"");
            else if (r.Entry is not null && !entries.Contains(r.Entry))
                errors.Add($"{ip}: references unknown entry \"{r.Entry}\" of watch list \"{r.List}\"");
        }
    }

    private static bool HasCycle(List<TopicOptions> topics, Dictionary<string, int> ids, int start)
    {
        var seen = new HashSet<int> { start };
        var current = topics[start]?.Parent;
        while (current is not null && ids.TryGetValue(current, out var idx))
        {
            if (!seen.Add(idx)) return true;
            current = topics[idx]?.Parent;
        }
        return false;
    }

    private static bool IsSlug(string s) => s.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');
}
