using Microsoft.Extensions.Logging;
using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Mail;

/// <summary>
/// Delivers what is due in the outbox. Per message: claim it with a lease (so two workers never send the same row),
/// send it, and record the outcome at once — "sent" right after the server's 250 to DATA, so the window in which a
/// crash could cause a resend is one store write wide (a resend carries the same Message-ID). Temporary failures go
/// back with exponential backoff and jitter; permanent ones and exhausted attempts are kept as failed with the reason.
/// Cancellation is honoured between messages, never inside one: a message is either handed over and recorded, or
/// left untouched for the next run (its lease expires and it is due again).
/// </summary>
public sealed class OutboxSender
{
    private readonly IOutboxStore _store;
    private readonly IMailTransportFactory _transports;
    private readonly MailOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxSender> _logger;
    private readonly SendRateLimiter? _limiter;
    private readonly Func<double> _random;
    private readonly TimeSpan _lease;

    public OutboxSender(IOutboxStore store, IMailTransportFactory transports, MailOptions options, TimeProvider time,
        ILogger<OutboxSender> logger, Func<double>? random = null)
    {
        _store = store;
        _transports = transports;
        _options = options;
        _time = time;
        _logger = logger;
        _random = random ?? Random.Shared.NextDouble;
        _limiter = options.MessagesPerMinute > 0 ? new SendRateLimiter(options.MessagesPerMinute, time) : null;
        // Longer than the worst case of one send (connect, TLS, commands, DATA), so a live sender keeps its claim.
        var timeout = options.Timeout > TimeSpan.Zero ? options.Timeout : TimeSpan.FromSeconds(60);
        _lease = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(5).Ticks, timeout.Ticks * 6));
    }

    /// <summary>How many due messages are read from the store at a time.</summary>
    public int BatchSize { get; init; } = 500;

    public async Task<OutboxRunSummary> SendDueAsync(CancellationToken ct)
    {
        int sent = 0, retried = 0, failed = 0;
        IMailTransport? transport = null;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var due = await _store.GetDueMessagesAsync(_time.GetUtcNow(), BatchSize, ct);
                if (due.Count == 0) break;
                var claimedAny = false;
                foreach (var message in due)
                {
                    if (ct.IsCancellationRequested) break;
                    if (_limiter is not null && !await WaitForRateAsync(ct)) break;
                    var now = _time.GetUtcNow();
                    if (!await _store.TryClaimAsync(message.Id, now, now + _lease, ct)) continue;
                    claimedAny = true;
                    transport ??= _transports.Create();
                    switch (await DeliverAsync(transport, message))
                    {
                        case Recorded.Sent: sent++; break;
                        case Recorded.Retry: retried++; break;
                        default: failed++; break;
                    }
                }
                // A short page means the outbox is drained; a page with nothing claimable means others have it.
                if (due.Count < BatchSize || !claimedAny) break;
            }
        }
        finally
        {
            if (transport is not null) await transport.DisposeAsync();
        }
        if (sent + retried + failed > 0)
            _logger.LogInformation("Outbox run: {Sent} sent, {Retried} to retry, {Failed} failed", sent, retried, failed);
        return new OutboxRunSummary(sent, retried, failed);
    }

    private async Task<bool> WaitForRateAsync(CancellationToken ct)
    {
        try
        {
            await _limiter!.WaitAsync(ct);
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private enum Recorded { Sent, Retry, Failed }

    /// <summary>Sends one claimed message and records the outcome. Runs to the end even if the run is cancelled.</summary>
    private async Task<Recorded> DeliverAsync(IMailTransport transport, OutboxMessage message)
    {
        var envelope = new MailEnvelope(_options.FromAddress, message.Recipient, message.MessageId, message.Mime);
        SendOutcome outcome;
        try
        {
            // Not the run's token: a message that has started goes to the end (bounded by the SMTP timeout).
            outcome = await transport.SendAsync(envelope, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogError(e, "Transport failed unexpectedly for outbox message {Id}", message.Id);
            outcome = new SendOutcome.TemporaryFailure(SendOutcome.NoReply, $"{e.GetType().Name}: {e.Message}");
        }

        var attempt = message.Attempts + 1;
        switch (outcome)
        {
            case SendOutcome.Sent:
                await _store.MarkSentAsync(message.Id, _time.GetUtcNow(), CancellationToken.None);
                _logger.LogInformation("Sent outbox message {Id} {MessageId} to {Recipient}", message.Id, message.MessageId, message.Recipient);
                Hosting.MonitorMetrics.MailSent.Add(1);
                return Recorded.Sent;

            case SendOutcome.PermanentFailure permanent:
                await _store.MarkFailedAsync(message.Id, $"{permanent.Code} {permanent.Message}", CancellationToken.None);
                _logger.LogWarning("Outbox message {Id} to {Recipient} refused permanently: {Code} {Reason}",
                    message.Id, message.Recipient, permanent.Code, permanent.Message);
                Hosting.MonitorMetrics.MailFailed.Add(1);
                return Recorded.Failed;

            case SendOutcome.TemporaryFailure temporary when attempt >= Math.Max(1, _options.MaxAttempts):
                var reason = $"gave up after {attempt} attempts; last: {Describe(temporary)}";
                await _store.MarkFailedAsync(message.Id, reason, CancellationToken.None);
                _logger.LogWarning("Outbox message {Id} to {Recipient} failed: {Reason}", message.Id, message.Recipient, reason);
                Hosting.MonitorMetrics.MailFailed.Add(1);
                return Recorded.Failed;

            case SendOutcome.TemporaryFailure temporary:
                var next = _time.GetUtcNow() + RetryBackoff.Delay(attempt, _random());
                await _store.MarkRetryAsync(message.Id, next, Describe(temporary), CancellationToken.None);
                _logger.LogInformation("Outbox message {Id} to {Recipient} deferred until {Next}: {Error}",
                    message.Id, message.Recipient, next, Describe(temporary));
                return Recorded.Retry;

            default:
                throw new InvalidOperationException($"unknown send outcome {outcome}");
        }
    }

    private static string Describe(SendOutcome.TemporaryFailure failure) =>
        failure.Code == SendOutcome.NoReply ? failure.Message : $"{failure.Code} {failure.Message}";
}
