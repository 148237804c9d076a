namespace Monitor.Worker.Pipeline;

/// <summary>What one poll of one source did. A failure is a value recorded on the source, never an exception.</summary>
public sealed record PollOutcome(string SourceId, PollStatus Status, int NewItems = 0, int UpdatedItems = 0, int Duplicates = 0, string? Error = null)
{
    public bool Failed => Status == PollStatus.Failed;
    public override string ToString() => Status switch
    {
        PollStatus.Failed => $"{SourceId}: failed: {Error}",
        PollStatus.NotModified => $"{SourceId}: not modified",
        PollStatus.Skipped => $"{SourceId}: skipped ({Error})",
        _ => $"{SourceId}: {NewItems} new, {UpdatedItems} updated, {Duplicates} already known",
    };
}

public enum PollStatus { Fetched, NotModified, Skipped, Failed }

/// <summary>Why a poll runs: on schedule, as part of a full cycle (<c>once</c>), or forced by an operator.</summary>
public enum PollMode { Scheduled, Cycle, Forced }
