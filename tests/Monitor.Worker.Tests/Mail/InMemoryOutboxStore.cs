using Monitor.Worker.Storage;

namespace Monitor.Worker.Tests.Mail;

/// <summary>
/// The outbox contract of IOutboxStore in memory, for sender tests: due = Pending with NextAttemptAt reached or
/// Sending with an expired lease; a claim counts an attempt. Every state change is recorded for assertions.
/// </summary>
internal sealed class InMemoryOutboxStore : IOutboxStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, OutboxMessage> _rows = [];
    private readonly Dictionary<long, DateTimeOffset> _leases = [];
    private long _nextId = 1;

    public List<string> Log { get; } = [];

    public OutboxMessage Add(OutboxMessage message)
    {
        lock (_gate)
        {
            var row = message with { Id = _nextId++, State = OutboxState.Pending };
            _rows[row.Id] = row;
            return row;
        }
    }

    public OutboxMessage Get(long id) { lock (_gate) return _rows[id]; }

    public IReadOnlyList<OutboxMessage> All() { lock (_gate) return _rows.Values.OrderBy(r => r.Id).ToList(); }

    public Task<bool> EnqueueDigestAsync(OutboxMessage message, IReadOnlyList<long> storyIds, DateTimeOffset windowEnd, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_rows.Values.Any(r => r.Key == message.Key)) return Task.FromResult(false);
            Add(message);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> GetDueMessagesAsync(DateTimeOffset now, int max, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<OutboxMessage> due = _rows.Values
                .Where(r => (r.State == OutboxState.Pending && r.NextAttemptAt <= now)
                            || (r.State == OutboxState.Sending && _leases[r.Id] <= now))
                .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Take(max).ToList();
            return Task.FromResult(due);
        }
    }

    public Task<bool> TryClaimAsync(long messageId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        lock (_gate)
        {
            var row = _rows[messageId];
            var claimable = (row.State == OutboxState.Pending && row.NextAttemptAt <= now)
                            || (row.State == OutboxState.Sending && _leases[messageId] <= now);
            if (!claimable) return Task.FromResult(false);
            _rows[messageId] = row with { State = OutboxState.Sending, Attempts = row.Attempts + 1 };
            _leases[messageId] = leaseUntil;
            Log.Add($"claim {messageId}");
            return Task.FromResult(true);
        }
    }

    public Task MarkSentAsync(long messageId, DateTimeOffset at, CancellationToken ct) => Change(messageId, r => r with { State = OutboxState.Sent, SentAt = at }, "sent");

    public Task MarkRetryAsync(long messageId, DateTimeOffset nextAttemptAt, string error, CancellationToken ct) =>
        Change(messageId, r => r with { State = OutboxState.Pending, NextAttemptAt = nextAttemptAt, LastError = error }, "retry");

    public Task MarkFailedAsync(long messageId, string reason, CancellationToken ct) =>
        Change(messageId, r => r with { State = OutboxState.Failed, LastError = reason }, "failed");

    public Task<bool> RequeueAsync(long messageId, DateTimeOffset now, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_rows[messageId].State != OutboxState.Failed) return Task.FromResult(false);
            _rows[messageId] = _rows[messageId] with { State = OutboxState.Pending, NextAttemptAt = now };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(OutboxState? state, int limit, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<OutboxMessage> rows = _rows.Values.Where(r => state is null || r.State == state).Take(limit).ToList();
            return Task.FromResult(rows);
        }
    }

    private Task Change(long id, Func<OutboxMessage, OutboxMessage> change, string what)
    {
        lock (_gate)
        {
            if (_rows[id].State != OutboxState.Sending)
                throw new InvalidOperationException($"message {id} is {_rows[id].State}, not Sending: {what} without a claim");
            _rows[id] = change(_rows[id]);
            Log.Add($"{what} {id}");
        }
        return Task.CompletedTask;
    }
}
