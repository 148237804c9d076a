using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Monitor.Worker.Storage.Sql;

/// <summary>
/// An item's or a story's tags as one JSON column: <c>[[kind, name, entry, [matched...], score], ...]</c>, entry ""
/// for none. One bound string per row instead of a row per tag: at about ten tags an item, the tag rows were a third of
/// the save's CPU. Written without escaping Arabic (storage, not HTML), so a tag costs its UTF-8 length; read with the
/// JSON reader, so any valid JSON (earlier rows were written by it) reads the same.
/// </summary>
internal static class TagJson
{
    /// <summary>The column value: null for no tags (no text to store or parse for the many untagged items).</summary>
    public static string? Write(IReadOnlyList<TagRecord> tags)
    {
        if (tags.Count == 0) return null;
        // Written by hand into one string: the JSON writer encoded every string to UTF-8 and back (and the store binds
        // the text as UTF-8 again); writing and reading this column were 4-5% of ingest's CPU.
        var json = new StringBuilder(64 * tags.Count);
        json.Append('[');
        for (var t = 0; t < tags.Count; t++)
        {
            var tag = tags[t];
            if (t > 0) json.Append(',');
            json.Append('[');
            AppendString(json, tag.Kind).Append(',');
            AppendString(json, tag.Name).Append(',');
            AppendString(json, tag.Entry ?? "").Append(",[");
            for (var m = 0; m < tag.Matched.Count; m++)
            {
                if (m > 0) json.Append(',');
                AppendString(json, tag.Matched[m]);
            }
            json.Append("],");
            AppendScore(json, tag.Score).Append(']');
        }
        return json.Append(']').ToString();
    }

    /// <summary>A JSON string: quote, backslash and control characters escaped, everything else as it is (storage,
    /// not HTML). A lone surrogate, which no JSON reader accepts, becomes U+FFFD, as the UTF-8 the store writes has it.</summary>
    private static StringBuilder AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        var plain = 0; // start of the run not yet appended
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= ' ' && c != '"' && c != '\\' && !char.IsSurrogate(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
            json.Append(value, plain, i - plain);
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                default:
                    if (char.IsSurrogate(c)) json.Append('\uFFFD');
                    else json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
            plain = i + 1;
        }
        return json.Append(value, plain, value.Length - plain).Append('"');
    }

    /// <summary>Scores are counts and title weights, mostly whole: those as integers ("3"), others as the shortest text
    /// that reads back as the same double ("2.5").</summary>
    private static StringBuilder AppendScore(StringBuilder json, double score)
    {
        if (!double.IsFinite(score)) throw new ArgumentException($"A tag score must be a finite number, not {score}.", nameof(score));
        return score == Math.Floor(score) && score is >= 0 and < 1e15 && !double.IsNegative(score)
            ? json.Append((long)score)
            : json.Append(score.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>The tags of a column value (none for null or empty), in the order written.</summary>
    public static List<TagRecord> Read(string? json)
    {
        var tags = new List<TagRecord>();
        if (string.IsNullOrEmpty(json)) return tags;
        using var doc = JsonDocument.Parse(json);
        foreach (var t in doc.RootElement.EnumerateArray())
        {
            var entry = t[2].GetString() ?? "";
            var matched = new List<string>(t[3].GetArrayLength());
            foreach (var term in t[3].EnumerateArray()) matched.Add(term.GetString() ?? "");
            tags.Add(new TagRecord(t[0].GetString() ?? "", t[1].GetString() ?? "", entry.Length == 0 ? null : entry, matched, t[4].GetDouble()));
        }
        return tags;
    }

    /// <summary>In the order the tag tables were read (kind, name, entry; ordinal).</summary>
    public static List<TagRecord> Sorted(List<TagRecord> tags)
    {
        tags.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.Kind, b.Kind);
            if (c == 0) c = string.CompareOrdinal(a.Name, b.Name);
            return c != 0 ? c : string.CompareOrdinal(a.Entry ?? "", b.Entry ?? "");
        });
        return tags;
    }
}
