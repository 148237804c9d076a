using System.Collections.Concurrent;
using AngleSharp.Html;

namespace Monitor.Core.Feeds;

/// <summary>HTML5 named character references, from AngleSharp's table (which keys most names with their ';').</summary>
internal static class HtmlEntities
{
    /// <summary>
    /// Answers already given, looked up by the name's characters: AngleSharp's table is keyed by "name;" strings, so
    /// asking it costs a string per reference, and feeds repeat the same few names (amp, nbsp, quot) thousands of times.
    /// Unknown names are remembered too. Bounded, so that a hostile feed full of invented names cannot grow it forever.
    /// </summary>
    private static readonly ConcurrentDictionary<string, string?> Known = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> KnownBySpan =
        Known.GetAlternateLookup<ReadOnlySpan<char>>();
    private const int MaxRemembered = 4096;
    private static int s_remembered;

    public static string? Lookup(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty) return null;
        if (KnownBySpan.TryGetValue(name, out var remembered)) return remembered;
        var symbol = Resolve(name);
        if (Volatile.Read(ref s_remembered) < MaxRemembered && KnownBySpan.TryAdd(name, symbol))
            Interlocked.Increment(ref s_remembered);
        return symbol;
    }

    private static string? Resolve(ReadOnlySpan<char> name)
    {
        var withSemi = string.Concat(name, ";");
        var s = HtmlEntityProvider.Resolver.GetSymbol(withSemi);
        if (string.IsNullOrEmpty(s)) s = HtmlEntityProvider.Resolver.GetSymbol(name.ToString());
        return string.IsNullOrEmpty(s) ? null : s;
    }
}
