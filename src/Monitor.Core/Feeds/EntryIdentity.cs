using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Monitor.Core.Feeds;

/// <summary>
/// Which entry is which across polls. The guid (or Atom id) is the publisher's own name for an entry; when a feed's
/// guids cannot be trusted (FreshRSS's rule: more than 5% missing or repeated), the caller keys by link instead.
/// The same link with an edited title or text is the same entry, updated: the title is only used when nothing else is.
/// </summary>
public static class EntryIdentity
{
    /// <summary>guid/id, else the canonical link, else a hash of title and date. Prefixed so the kinds never collide.</summary>
    public static string Key(FeedEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!string.IsNullOrWhiteSpace(e.Id)) return "id:" + e.Id.Trim();
        return LinkOrHashKey(e);
    }

    /// <summary>The key to use when the feed's guids are unusable: the canonical link, else the title+date hash.</summary>
    public static string LinkOrHashKey(FeedEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!string.IsNullOrWhiteSpace(e.Link)) return "link:" + e.Link.Trim();
        var date = e.DateIsFallback || e.Published is null ? "" : e.Published.Value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes((e.Title ?? "") + "\n" + date + "\n" + (e.Title is null ? e.Text : "")));
        return "hash:" + Convert.ToHexStringLower(bytes);
    }

    /// <summary>True when more than 5% of the entries have no guid or share a guid with another entry of the same document.</summary>
    public static bool GuidsUnusable(IReadOnlyList<FeedEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0) return false;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = 0;
        foreach (var e in entries)
        {
            if (string.IsNullOrWhiteSpace(e.Id)) { missing++; continue; }
            var id = e.Id.Trim();
            seen[id] = seen.TryGetValue(id, out var n) ? n + 1 : 1;
        }
        var repeated = seen.Values.Where(n => n > 1).Sum();
        return (missing + repeated) > entries.Count * 0.05;
    }

    /// <summary>The keys for a whole document: guid keys when they are usable, link/hash keys otherwise.</summary>
    public static IReadOnlyList<string> Keys(IReadOnlyList<FeedEntry> entries)
    {
        var fallback = GuidsUnusable(entries);
        return entries.Select(e => fallback ? LinkOrHashKey(e) : Key(e)).ToList();
    }
}
