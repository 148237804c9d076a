namespace Monitor.Worker.Mail;

/// <summary>What one pass over the outbox did: delivered, put back for a later retry, failed for good.</summary>
public sealed record OutboxRunSummary(int Sent, int Retried, int Failed)
{
    public static OutboxRunSummary Empty { get; } = new(0, 0, 0);
}
