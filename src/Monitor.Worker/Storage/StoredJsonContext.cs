using System.Text.Json.Serialization;
using Monitor.Worker.Configuration;

namespace Monitor.Worker.Storage;

/// <summary>
/// The JSON the store keeps in text columns (lists of names, an HTML source's selectors), serialised by code generated
/// at build time, so the native (AOT) build reads and writes exactly what the JIT build does. Default options: the
/// format is the one existing databases already hold.
/// </summary>
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(HtmlSelectorOptions))]
internal sealed partial class StoredJsonContext : JsonSerializerContext;
