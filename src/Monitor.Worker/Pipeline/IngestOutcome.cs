namespace Monitor.Worker.Pipeline;

/// <summary>What became of one entry: a new item (in a new or an existing story), an update, or a known duplicate.</summary>
public enum IngestOutcome { NewStory, JoinedStory, Updated, Duplicate, Empty }
