using System.Text.Json.Serialization;
using Monitor.Core.Tagging;

namespace Monitor.Worker.Cli;

/// <summary>
/// Every shape a command prints with --json, serialised by code generated at build time: the native (AOT) build has
/// no reflection-based serialiser, and the generated code is the same in both builds. A new --json output adds its
/// type here (the serialiser says which type is missing if one is not).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(List<SourceListRow>))]
[JsonSerializable(typeof(List<OutboxListRow>))]
[JsonSerializable(typeof(List<SubscriberListRow>))]
[JsonSerializable(typeof(List<StoryView>))]
[JsonSerializable(typeof(FeedReport))]
[JsonSerializable(typeof(CommandError))]
[JsonSerializable(typeof(AnalyzeReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary>`sources list --json`: one source with its health.</summary>
public sealed record SourceListRow(
    string Id, string Name, string Url, string Type, string Interval, bool Primary, bool Enabled,
    Fetching.HealthState Health, string HealthMessage,
    string? LastSuccessAt, string? LastAttemptAt, string? LastNewItemAt, int ConsecutiveFailures, string? LastError,
    string? NextPollAt, bool BlockPrivateAddresses);

/// <summary>`outbox list --json`: one queued or sent message.</summary>
public sealed record OutboxListRow(
    long Id, string Key, string Recipient, string MessageId, string Subject, Storage.OutboxState State, int Attempts,
    string? CreatedAt, string? SentAt, string? NextAttemptAt, string? LastError);

/// <summary>`subscribers list --json`: one subscriber and what they receive.</summary>
public sealed record SubscriberListRow(
    string Email, string Name, string Language, string TimeZone, string Frequency, IReadOnlyList<string> Topics,
    IReadOnlyList<string> WatchLists, IReadOnlyList<string> MutedSources, int MinSources, bool Active, string? LastDigestAt);

/// <summary>A command's failure in --json mode: <c>{"error": "..."}</c>.</summary>
public sealed record CommandError(string Error);
