using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Monitor.Worker.Fetching;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Cli;

/// <summary>How commands write JSON: snake_case names, Arabic left readable (not \u-escaped), indented, enums as
/// snake_case words. The shapes come from <see cref="CliJsonContext"/>.</summary>
public static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        TypeInfoResolver = CliJsonContext.Default,
        Converters =
        {
            new JsonStringEnumConverter<HealthState>(JsonNamingPolicy.SnakeCaseLower),
            new JsonStringEnumConverter<OutboxState>(JsonNamingPolicy.SnakeCaseLower),
        },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)));

    public static void Write<T>(T value) => Console.Out.WriteLine(Serialize(value));

    /// <summary>ISO 8601 in UTC with a Z, as every command prints times.</summary>
    public static string? Utc(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
