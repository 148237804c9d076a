using System.Text.Json;
using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// Brings the store up to date at start: migrations, then the sources and subscribers the file lists. The store is
/// the live copy (commands and the admin pages change it); the file seeds it and keeps fetch and digest state intact.
/// </summary>
public sealed class StoreSeeder(IMonitorStore store, IOptions<MonitorOptions> options, TimeProvider clock, ILogger<StoreSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        await store.MigrateAsync(ct);
        Hosting.StartupTrace.Mark("migrations checked");
        var o = options.Value;
        await store.UpsertSourcesAsync(o.Sources.Select(ToRecord).ToList(), ct);
        Hosting.StartupTrace.Mark("sources upserted");
        foreach (var s in o.Subscribers) await store.UpsertSubscriberAsync(ToRecord(s, clock.GetUtcNow()), ct);
        logger.LogInformation("Store ready: {Sources} sources and {Subscribers} subscribers from the configuration", o.Sources.Count, o.Subscribers.Count);
    }

    public static SourceRecord ToRecord(SourceOptions s) => new()
    {
        Id = s.Id, Name = s.Name, Url = s.Url, Type = s.Type, Interval = s.Interval, TimeZone = s.TimeZone,
        Primary = s.Primary, Enabled = s.Enabled,
        SelectorsJson = s.Selectors is null ? null : JsonSerializer.Serialize(s.Selectors, StoredJsonContext.Default.HtmlSelectorOptions),
    };

    public static SubscriberRecord ToRecord(SubscriberOptions s, DateTimeOffset now) => new()
    {
        Email = s.Email, Name = s.Name, Language = s.Language, TimeZone = s.TimeZone, Frequency = s.Frequency,
        Topics = s.Topics, WatchLists = s.WatchLists, MutedSources = s.MutedSources, MinSources = s.MinSources,
        CreatedAt = now,
    };
}
