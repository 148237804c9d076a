namespace Monitor.Worker.Mail;

/// <summary>
/// At most N messages per minute, as a token bucket on the injected clock: up to one minute's allowance may go out
/// at once, then messages are spaced at 60/N seconds. Shared by every batch of one sender.
/// </summary>
public sealed class SendRateLimiter
{
    private readonly TimeProvider _time;
    private readonly double _perSecond;
    private readonly double _capacity;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _lastTimestamp;

    public SendRateLimiter(int messagesPerMinute, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(messagesPerMinute, 1);
        _time = time;
        _perSecond = messagesPerMinute / 60.0;
        _capacity = messagesPerMinute;
        _tokens = _capacity;
        _lastTimestamp = time.GetTimestamp();
    }

    /// <summary>Takes a token if one is there; otherwise says how long until one will be.</summary>
    public bool TryTake(out TimeSpan wait)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + _time.GetElapsedTime(_lastTimestamp, now).TotalSeconds * _perSecond);
            _lastTimestamp = now;
            // A hair of tolerance: refills are sums of floating-point fractions.
            if (_tokens >= 1 - 1e-9)
            {
                _tokens = Math.Max(0, _tokens - 1);
                wait = TimeSpan.Zero;
                return true;
            }
            wait = TimeSpan.FromSeconds((1 - _tokens) / _perSecond);
            return false;
        }
    }

    /// <summary>Waits (on the injected clock) until a message may go.</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        while (!TryTake(out var wait))
            await Task.Delay(wait, _time, ct);
    }
}
