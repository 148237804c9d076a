using AngleSharp.Html;

namespace Monitor.Core.Feeds;

/// <summary>HTML5 named character references, from AngleSharp's table (which keys most names with their ';').</summary>
internal static class HtmlEntities
{
    public static string? Lookup(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty) return null;
        var withSemi = string.Concat(name, ";");
        var s = HtmlEntityProvider.Resolver.GetSymbol(withSemi);
        if (string.IsNullOrEmpty(s)) s = HtmlEntityProvider.Resolver.GetSymbol(name.ToString());
        return string.IsNullOrEmpty(s) ? null : s;
    }
}
