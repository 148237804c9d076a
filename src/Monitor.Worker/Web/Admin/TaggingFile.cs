using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Monitor.Worker.Pipeline;

namespace Monitor.Worker.Web.Admin;

/// <summary>
/// Edits the Monitor:Tagging section of the configuration file. The whole new file is checked first — bound and
/// compiled exactly as <see cref="TaggingRulesProvider"/> will — and written only when valid, through a temporary file
/// moved over the original, so the service never reads a half-written file. The running service picks the change up
/// through its file reload. Comments in the file are not kept (JSON has none to keep once rewritten).
/// </summary>
internal sealed class TaggingFile(string path)
{
    private static readonly SemaphoreSlim WriteLock = new(1, 1);
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<JsonObject> ReadTaggingAsync(CancellationToken ct) =>
        (await ReadRootAsync(ct))["Monitor"]?["Tagging"]?.AsObject() ?? new JsonObject();

    public static string Pretty(JsonNode? node) => node?.ToJsonString(Indented) ?? "";

    /// <summary>
    /// Replaces one watch list or topic (<paramref name="part"/> "WatchLists"/"Topics" with an index; index -1 appends),
    /// or the whole section (<paramref name="part"/> null). Returns the problems; empty means saved.
    /// </summary>
    public async Task<IReadOnlyList<string>> SaveAsync(string? part, int index, string json, CancellationToken ct)
    {
        JsonNode? edited;
        try { edited = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException ex) { return [$"not valid JSON: {ex.Message}"]; }
        if (edited is not JsonObject) return ["expected a JSON object { ... }"];

        await WriteLock.WaitAsync(ct);
        try
        {
            var root = await ReadRootAsync(ct);
            var monitor = root["Monitor"]?.AsObject() ?? throw new InvalidDataException("the file has no Monitor section");
            if (part is null) monitor["Tagging"] = edited;
            else
            {
                var tagging = monitor["Tagging"] as JsonObject ?? new JsonObject();
                monitor["Tagging"] = tagging;
                var list = tagging[part] as JsonArray ?? new JsonArray();
                tagging[part] = list;
                if (index < 0) list.Add(edited);
                else if (index < list.Count) list[index] = edited;
                else return [$"{part}:{index}: no such entry (the file changed meanwhile?)"];
            }
            var text = root.ToJsonString(Indented);
            var errors = Check(text);
            if (errors.Count > 0) return errors;
            var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
            await File.WriteAllTextAsync(temp, text, new UTF8Encoding(false), ct);
            File.Move(temp, path, overwrite: true);
            return [];
        }
        finally
        {
            WriteLock.Release();
        }
    }

    /// <summary>The rules the new file would give, compiled as the service compiles them.</summary>
    internal static IReadOnlyList<string> Check(string fileText)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(fileText));
        var configuration = new ConfigurationBuilder().AddJsonStream(stream).Build();
        return TaggingRulesProvider.Compile(configuration).Errors;
    }

    private async Task<JsonObject> ReadRootAsync(CancellationToken ct)
    {
        var text = await File.ReadAllTextAsync(path, ct);
        return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
    }
}
