using System.Diagnostics.Metrics;
using Monitor.Worker.Fetching;

namespace Monitor.Worker.Hosting;

/// <summary>
/// The pipeline's counters on the "Monitor" meter (the fetch instruments live in <see cref="FetchMetrics"/>). Static so
/// the pipeline classes record with one line and no constructor change; a MeterListener or the OTLP exporter picks
/// them up by the meter's name.
/// </summary>
public static class MonitorMetrics
{
    private static readonly Meter Meter = new(FetchMetrics.MeterName);

    public static readonly Counter<long> ItemsStored = Meter.CreateCounter<long>("monitor.items.stored", "{item}", "Entries stored as new items.");
    public static readonly Counter<long> StoriesCreated = Meter.CreateCounter<long>("monitor.stories.created", "{story}", "New stories (items that matched no earlier story).");
    public static readonly Counter<long> TagsApplied = Meter.CreateCounter<long>("monitor.tags.applied", "{tag}", "Topic and watch-list tags on stored items, by kind.");
    public static readonly Counter<long> DigestsComposed = Meter.CreateCounter<long>("monitor.digests.composed", "{digest}", "Digests queued in the outbox.");
    public static readonly Counter<long> MailSent = Meter.CreateCounter<long>("monitor.mail.sent", "{message}", "Messages the mail server accepted.");
    public static readonly Counter<long> CheckpointsFailed = Meter.CreateCounter<long>("monitor.store.checkpoint.failed", "{round}", "Background SQLite log checkpoints that failed (the writer's own checkpoint still bounds the log).");
    public static readonly Counter<long> MailFailed = Meter.CreateCounter<long>("monitor.mail.failed", "{message}", "Messages failed for good (permanent refusal or attempts exhausted).");

    public static void RecordTags(IEnumerable<Storage.TagRecord> tags)
    {
        foreach (var tag in tags) TagsApplied.Add(1, new KeyValuePair<string, object?>("kind", tag.Kind));
    }
}
