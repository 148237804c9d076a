namespace Monitor.Worker.Fetching;

/// <summary>
/// A cap on the response bodies held in memory at once, across every fetch in the process, from the first byte read
/// until the caller has parsed them (<c>Fetch:MaxBodyBytesInFlight</c>). It is what lets <c>Fetch:MaxConcurrency</c> be
/// sized for waiting on slow publishers rather than for the worst case of every request bringing a body at the size
/// limit: a request waiting on the network costs a socket, a body costs its bytes.
/// Each read takes a <see cref="Ticket"/> and reserves bytes as they arrive; a reservation that would pass the cap waits
/// until other tickets give theirs back. The oldest ticket that has started reserving is never made to wait (it may pass
/// the cap by up to one body), so readers that each hold part of a body cannot wait on one another forever, and a ticket
/// still waiting for its response headers holds nothing back.
/// </summary>
public sealed class BodyMemoryBudget
{
    private readonly object _lock = new();
    private readonly SortedSet<long> _reading = []; // tickets that have reserved, oldest first
    private readonly List<Waiter> _waiters = [];
    private long _nextTicket;
    private long _reserved;

    public BodyMemoryBudget(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        MaxBytes = maxBytes;
    }

    public long MaxBytes { get; }

    /// <summary>Bytes reserved by open tickets right now.</summary>
    public long Reserved
    {
        get { lock (_lock) return _reserved; }
    }

    /// <summary>Opens a ticket for one read-and-parse; dispose it once the body is no longer needed.</summary>
    public Ticket Open()
    {
        lock (_lock) return new Ticket(this, _nextTicket++);
    }

    private ValueTask ReserveAsync(Ticket ticket, long bytes, CancellationToken ct)
    {
        Waiter waiter;
        lock (_lock)
        {
            _reading.Add(ticket.Number);
            if (CanGrant(ticket, bytes))
            {
                Grant(ticket, bytes);
                return ValueTask.CompletedTask;
            }
            waiter = new Waiter(ticket, bytes);
            _waiters.Add(waiter);
        }
        return new ValueTask(WaitAsync(waiter, ct));
    }

    private async Task WaitAsync(Waiter waiter, CancellationToken ct)
    {
        await using var registration = ct.Register(() =>
        {
            lock (_lock)
            {
                if (!_waiters.Remove(waiter)) return; // granted in the meantime
            }
            waiter.Done.TrySetCanceled(ct);
        }).ConfigureAwait(false);
        await waiter.Done.Task.ConfigureAwait(false);
    }

    private void Release(Ticket ticket)
    {
        List<Waiter> granted;
        lock (_lock)
        {
            _reserved -= ticket.Held;
            ticket.Held = 0;
            _reading.Remove(ticket.Number);
            // A waiting ticket's own reservation can never be granted once it is gone.
            _waiters.RemoveAll(w => w.Ticket == ticket && w.Done.TrySetCanceled());
            granted = GrantWaiters();
        }
        foreach (var w in granted) w.Done.TrySetResult();
    }

    /// <summary>Grants waiters in arrival order while they fit (or are the oldest ticket); called under the lock.</summary>
    private List<Waiter> GrantWaiters()
    {
        var granted = new List<Waiter>();
        for (var i = 0; i < _waiters.Count;)
        {
            var w = _waiters[i];
            if (!CanGrant(w.Ticket, w.Bytes))
            {
                i++;
                continue;
            }
            Grant(w.Ticket, w.Bytes);
            _waiters.RemoveAt(i);
            granted.Add(w);
        }
        return granted;
    }

    private bool CanGrant(Ticket ticket, long bytes) =>
        _reserved + bytes <= MaxBytes || _reading.Min == ticket.Number;

    private void Grant(Ticket ticket, long bytes)
    {
        _reserved += bytes;
        ticket.Held += bytes;
    }

    /// <summary>One read's share of the budget. Not thread-safe: one reader reserves at a time.</summary>
    public sealed class Ticket : IDisposable
    {
        private readonly BodyMemoryBudget _budget;
        private int _disposed;

        internal Ticket(BodyMemoryBudget budget, long number)
        {
            _budget = budget;
            Number = number;
        }

        internal long Number { get; }

        /// <summary>Bytes this ticket holds (guarded by the budget's lock).</summary>
        internal long Held { get; set; }

        /// <summary>Waits until <paramref name="bytes"/> more fit in the budget, then holds them until disposal.</summary>
        public ValueTask ReserveAsync(long bytes, CancellationToken ct)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            return bytes <= 0 ? ValueTask.CompletedTask : _budget.ReserveAsync(this, bytes, ct);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) _budget.Release(this);
        }
    }

    private sealed class Waiter(Ticket ticket, long bytes)
    {
        public Ticket Ticket { get; } = ticket;
        public long Bytes { get; } = bytes;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
