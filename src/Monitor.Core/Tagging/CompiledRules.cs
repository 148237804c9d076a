using Monitor.Core.Text;

namespace Monitor.Core.Tagging;

/// <summary>A watch-list entry that owns a compiled phrase, with the spelling that produced it.</summary>
internal sealed record PhraseOwner(int List, int Entry, string Term);

/// <summary>A watch-list entry ready to match: its exclusions as analysed phrases.</summary>
internal sealed record CompiledEntry(string Name, IReadOnlyList<IReadOnlyList<Token>> NotFollowedBy, IReadOnlyList<IReadOnlyList<Token>> NotPrecededBy);

internal sealed record CompiledList(string Name, string Kind, double TitleWeight, IReadOnlyList<CompiledEntry> Entries);

/// <summary>One item of a topic rule: a phrase (by pattern id) or a watch reference (Entry -1 = any entry).</summary>
internal sealed record CompiledItem(string Text, int Pattern, int List, int Entry);

internal sealed record CompiledTopic(
    string Id, string Name, string Kind, int Parent, double MinHits, double TitleWeight,
    IReadOnlyList<CompiledItem> Any, IReadOnlyList<CompiledItem> All, IReadOnlyList<CompiledItem> None);

/// <summary>Exclusion checks: is a phrase written right before or right after a match?</summary>
internal static class Exclusions
{
    public static bool FollowedBy(IReadOnlyList<Token> tokens, int end, IReadOnlyList<Token> phrase) =>
        end + phrase.Count <= tokens.Count && SameWords(tokens, end, phrase);

    public static bool PrecededBy(IReadOnlyList<Token> tokens, int first, IReadOnlyList<Token> phrase) =>
        first - phrase.Count >= 0 && SameWords(tokens, first - phrase.Count, phrase);

    // The first word may carry proclitics (وحافظ الأسد); the others are compared as normalised words.
    private static bool SameWords(IReadOnlyList<Token> tokens, int at, IReadOnlyList<Token> phrase)
    {
        if (!WithClitics(tokens[at], phrase[0].Normalized)) return false;
        for (var k = 1; k < phrase.Count; k++)
            if (!string.Equals(tokens[at + k].Normalized, phrase[k].Normalized, StringComparison.Ordinal)) return false;
        return true;
    }

    private static bool WithClitics(Token token, string word)
    {
        Span<CliticReading> readings = stackalloc CliticReading[16];
        var n = token.Kind == TokenKind.Arabic ? ArabicClitics.Readings(token.Normalized, readings) : 1;
        if (n == 1) readings[0] = new CliticReading(0, false);
        for (var r = 0; r < n; r++)
            if (token.Normalized.AsSpan(readings[r].Start).SequenceEqual(word)) return true;
        return false;
    }
}
