using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Monitor.Worker.Storage.Sql;

/// <summary>
/// An item's or a story's tags as one JSON column: <c>[[kind, name, entry, [matched...], score], ...]</c>, entry ""
/// for none. One bound string per row instead of a row per tag: at about ten tags an item, the tag rows were a third of
/// the save's CPU. Written without escaping Arabic (storage, not HTML), so a tag costs its UTF-8 length.
/// </summary>
internal static class TagJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The column value: null for no tags (no text to store or parse for the many untagged items).</summary>
    public static string? Write(IReadOnlyList<TagRecord> tags)
    {
        if (tags.Count == 0) return null;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartArray();
            foreach (var tag in tags)
            {
                w.WriteStartArray();
                w.WriteStringValue(tag.Kind);
                w.WriteStringValue(tag.Name);
                w.WriteStringValue(tag.Entry ?? "");
                w.WriteStartArray();
                foreach (var term in tag.Matched) w.WriteStringValue(term);
                w.WriteEndArray();
                // Scores are counts and title weights, mostly whole: written as integers they are the same text
                // ("3") without the shortest-round-trip formatting of a double, a third of writing the column.
                if (tag.Score == Math.Floor(tag.Score) && tag.Score is >= 0 and < 1e15 && !double.IsNegative(tag.Score)) w.WriteNumberValue((long)tag.Score);
                else w.WriteNumberValue(tag.Score);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
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
