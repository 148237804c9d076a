using System.Text;

namespace Monitor.Core.Feeds;

/// <summary>
/// One reusable <see cref="StringBuilder"/> per thread for the HTML scanners' output. A fresh builder per entry cost
/// an allocation the size of the entry's HTML (a large-object-heap one past about 42,000 characters, which forces
/// full collections); reusing one makes the result string the only allocation. Rent/return rather than a shared
/// field, so a nested use simply gets a new builder instead of clobbering the outer one.
/// </summary>
internal static class TextBuilders
{
    /// <summary>Builders grown past this are dropped on return rather than kept alive by the thread.</summary>
    private const int MaxKeptCapacity = 256 * 1024;

    [ThreadStatic] private static StringBuilder? t_cached;

    public static StringBuilder Rent(int capacityHint)
    {
        var sb = t_cached;
        if (sb is null) return new StringBuilder(Math.Min(capacityHint, 8000));
        t_cached = null;
        sb.Clear();
        return sb;
    }

    public static string Return(StringBuilder sb)
    {
        var text = sb.ToString();
        Keep(sb);
        return text;
    }

    /// <summary>The builder's text without leading and trailing white space (as <see cref="string.Trim()"/> would give).</summary>
    public static string ReturnTrimmed(StringBuilder sb)
    {
        var start = 0;
        var end = sb.Length;
        while (start < end && char.IsWhiteSpace(sb[start])) start++;
        while (end > start && char.IsWhiteSpace(sb[end - 1])) end--;
        var text = sb.ToString(start, end - start);
        Keep(sb);
        return text;
    }

    private static void Keep(StringBuilder sb)
    {
        if (sb.Capacity <= MaxKeptCapacity) t_cached = sb;
    }
}
