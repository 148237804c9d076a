using Monitor.Worker.Storage;

namespace Monitor.Worker.Tests.Mail;

/// <summary>The subscriber part of the store in memory, for the unsubscribe endpoint tests.</summary>
internal sealed class InMemorySubscriberStore : ISubscriberStore
{
    private readonly Lock _gate = new();
    private readonly List<SubscriberRecord> _rows = [];

    public Task<SubscriberRecord> UpsertSubscriberAsync(SubscriberRecord subscriber, CancellationToken ct)
    {
        lock (_gate)
        {
            var index = _rows.FindIndex(r => string.Equals(r.Email, subscriber.Email, StringComparison.OrdinalIgnoreCase));
            var row = index >= 0
                ? subscriber with { Id = _rows[index].Id, Active = _rows[index].Active, LastDigestAt = _rows[index].LastDigestAt }
                : subscriber with { Id = _rows.Count + 1 };
            if (index >= 0) _rows[index] = row; else _rows.Add(row);
            return Task.FromResult(row);
        }
    }

    public Task<IReadOnlyList<SubscriberRecord>> ListSubscribersAsync(CancellationToken ct)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<SubscriberRecord>>(_rows.ToList());
    }

    public Task<SubscriberRecord?> GetSubscriberAsync(string email, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult(_rows.FirstOrDefault(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase)));
    }

    public Task<bool> RemoveSubscriberAsync(string email, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult(_rows.RemoveAll(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase)) > 0);
    }

    public Task SetLastDigestAtAsync(long subscriberId, DateTimeOffset at, CancellationToken ct)
    {
        lock (_gate)
        {
            var index = _rows.FindIndex(r => r.Id == subscriberId);
            if (index >= 0) _rows[index] = _rows[index] with { LastDigestAt = at };
        }
        return Task.CompletedTask;
    }

    public Task<bool> SetSubscriberActiveAsync(string email, bool active, CancellationToken ct)
    {
        lock (_gate)
        {
            var index = _rows.FindIndex(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase));
            if (index < 0) return Task.FromResult(false);
            _rows[index] = _rows[index] with { Active = active };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<StoryRecord>> GetUndeliveredStoriesAsync(long subscriberId, DateTimeOffset? since, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<StoryRecord>>([]);
}
