using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace Monitor.Worker.Configuration;

/// <summary>
/// The JSON configuration file, with its keys indexed by parent path. The stock provider answers "children of X" by
/// scanning every key of the file, and binding asks that once per section: with a real taxonomy and source list (about a
/// thousand keys) binding and validating took 0.3-0.7 s of CPU at every command start and every hot reload. The index
/// makes each question cost the size of its answer. Values, reloading and error reporting are the stock provider's.
/// </summary>
public sealed class IndexedJsonConfigurationSource : JsonConfigurationSource
{
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new IndexedJsonConfigurationProvider(this);
    }
}

public sealed class IndexedJsonConfigurationProvider(JsonConfigurationSource source) : JsonConfigurationProvider(source)
{
    private static readonly string[] NoChildren = [];
    // One reference, swapped whole: a reload on the file watcher's thread never shows a reader half an index.
    private volatile Indexed? _index;

    private sealed record Indexed(IDictionary<string, string?> Data, Dictionary<string, string[]> Children);

    public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath)
    {
        var mine = Index().TryGetValue(parentPath ?? "", out var keys) ? keys : NoChildren;
        var results = new List<string>(mine.Length + 8);
        // The stock provider lists a child once per key below it; the root merges and de-duplicates, so one is enough.
        results.AddRange(mine);
        results.AddRange(earlierKeys);
        results.Sort(ConfigurationKeyComparer.Instance);
        return results;
    }

    /// <summary>
    /// The index of the data as loaded now: every load and reload (also one that finds the file gone) replaces the
    /// Data dictionary, so an index built for another dictionary is stale and is rebuilt.
    /// </summary>
    private Dictionary<string, string[]> Index()
    {
        var data = Data;
        if (_index is { } built && ReferenceEquals(built.Data, data)) return built.Children;
        var index = new Indexed(data, BuildIndex(data.Keys));
        _index = index;
        return index.Children;
    }

    /// <summary>Every ancestor path of every key, mapped to its distinct immediate child segments.</summary>
    private static Dictionary<string, string[]> BuildIndex(IEnumerable<string> keys)
    {
        var sets = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            var start = 0;
            while (true)
            {
                var colon = key.IndexOf(ConfigurationPath.KeyDelimiter, start, StringComparison.Ordinal);
                var parent = start == 0 ? "" : key[..(start - 1)];
                var segment = colon < 0 ? key[start..] : key[start..colon];
                if (!sets.TryGetValue(parent, out var set)) sets[parent] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                set.Add(segment);
                if (colon < 0) break;
                start = colon + 1;
            }
        }
        return sets.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
    }
}
