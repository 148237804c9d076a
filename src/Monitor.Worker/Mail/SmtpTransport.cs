using Microsoft.Extensions.Logging;

namespace Monitor.Worker.Mail;

/// <summary>
/// Delivers over SMTP, one connection for the whole batch. Outcomes:
/// 250 after DATA → Sent; a 4xx, a refused or timed-out connection, or a connection that broke → TemporaryFailure;
/// a 5xx to MAIL, RCPT or DATA → PermanentFailure for that message only (the session is reset and goes on).
/// A reused connection the server has dropped while idle is reopened once, before anything of the message is sent.
/// </summary>
public sealed class SmtpTransport : IMailTransport
{
    private readonly SmtpSettings _settings;
    private readonly ILogger _logger;
    private SmtpConnection? _connection;

    public SmtpTransport(SmtpSettings settings, ILogger<SmtpTransport> logger)
    {
        _settings = settings;
        _logger = logger;
    }

    /// <summary>How many connections this transport opened (a batch should need one).</summary>
    public int ConnectionsOpened { get; private set; }

    public async Task<SendOutcome> SendAsync(MailEnvelope mail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mail);
        // Addresses go into SMTP commands: anything that is not a plain addr-spec (a CR/LF above all) never does.
        if (!MailAddress.TryCreate(mail.Sender, null, out var sender, out var senderError))
            return new SendOutcome.PermanentFailure(SendOutcome.NoReply, "sender address refused: " + senderError);
        if (!MailAddress.TryCreate(mail.Recipient, null, out var recipient, out var recipientError))
            return new SendOutcome.PermanentFailure(SendOutcome.NoReply, "recipient address refused: " + recipientError);
        mail = mail with { Sender = sender!.Address, Recipient = recipient!.Address };
        for (var attempt = 0; ; attempt++)
        {
            var reused = _connection is not null;
            SmtpConnection connection;
            try
            {
                connection = _connection ??= await OpenAsync(ct);
            }
            catch (SmtpConnectionException e)
            {
                return new SendOutcome.TemporaryFailure(SendOutcome.NoReply, e.Message);
            }
            catch (SmtpSessionException e)
            {
                // A refused greeting, EHLO, STARTTLS or AUTH is about the session, not this message: retry later.
                return new SendOutcome.TemporaryFailure(e.Reply.Code, e.Message);
            }

            TransactionResult result;
            try { result = await TransactAsync(connection, mail, ct); }
            catch (OperationCanceledException)
            {
                // Cancelled mid-transaction: the session state is unknown, so it is not reused.
                await CloseAsync();
                throw;
            }
            if (result.Outcome is not null)
            {
                if (result.ConnectionUnusable) await CloseAsync();
                return result.Outcome;
            }
            // Broke before the message was handed over: a stale reused connection gets one fresh try.
            await CloseAsync();
            if (!reused || attempt > 0)
                return new SendOutcome.TemporaryFailure(result.Code, result.Error ?? "connection lost");
            _logger.LogDebug("SMTP connection to {Host} was dropped while idle; reconnecting", _settings.Host);
        }
    }

    public async ValueTask DisposeAsync() => await CloseAsync();

    private async Task<SmtpConnection> OpenAsync(CancellationToken ct)
    {
        var connection = await SmtpConnection.OpenAsync(_settings, ct);
        ConnectionsOpened++;
        _logger.LogDebug("SMTP connection to {Host}:{Port} open (TLS: {Tls})", _settings.Host, _settings.Port, connection.IsEncrypted);
        return connection;
    }

    private async Task CloseAsync()
    {
        if (_connection is null) return;
        var connection = _connection;
        _connection = null;
        await connection.DisposeAsync();
    }

    /// <summary>
    /// One mail transaction. Outcome null means the connection failed before DATA's content was sent (safe to
    /// retry on a new connection: the server cannot have the message).
    /// </summary>
    private async Task<TransactionResult> TransactAsync(SmtpConnection connection, MailEnvelope mail, CancellationToken ct)
    {
        var dataSent = false;
        try
        {
            var from = await connection.CommandAsync($"MAIL FROM:<{mail.Sender}>", ct);
            if (from.ClosesConnection) return TransactionResult.Retry(from.Code, from.ToString());
            if (!from.IsPositiveCompletion) return await RejectedAsync(connection, from);

            var rcpt = await connection.CommandAsync($"RCPT TO:<{mail.Recipient}>", ct);
            if (!rcpt.IsPositiveCompletion) return await RejectedAsync(connection, rcpt);

            var data = await connection.CommandAsync("DATA", ct);
            if (data.Code != 354) return await RejectedAsync(connection, data);

            dataSent = true;
            var final = await connection.SendDataAsync(mail.Message, ct);
            return final.IsPositiveCompletion
                ? TransactionResult.Done(SendOutcome.Success)
                : TransactionResult.Done(SendOutcome.FromReply(final.Code, final.Text), final.ClosesConnection);
        }
        catch (SmtpConnectionException e) when (!dataSent)
        {
            return TransactionResult.Retry(SendOutcome.NoReply, e.Message);
        }
        catch (SmtpConnectionException e)
        {
            // The content went out but no reply came: the server may or may not have it. Report a temporary
            // failure; the outbox resends later with the same Message-ID (the documented window).
            _logger.LogWarning("SMTP connection broke after DATA for {MessageId}: {Error}", mail.MessageId, e.Message);
            return TransactionResult.Done(new SendOutcome.TemporaryFailure(SendOutcome.NoReply, e.Message), connectionUnusable: true);
        }
    }

    /// <summary>A refusal inside a transaction: reset the session so the next message starts clean.</summary>
    private static async Task<TransactionResult> RejectedAsync(SmtpConnection connection, SmtpReply reply)
    {
        var outcome = SendOutcome.FromReply(reply.Code, reply.Text);
        if (reply.ClosesConnection) return TransactionResult.Done(outcome, connectionUnusable: true);
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var reset = await connection.CommandAsync("RSET", quick.Token);
            return TransactionResult.Done(outcome, connectionUnusable: !reset.IsPositiveCompletion);
        }
        catch (Exception e) when (e is SmtpConnectionException or OperationCanceledException)
        {
            return TransactionResult.Done(outcome, connectionUnusable: true);
        }
    }

    private readonly record struct TransactionResult(SendOutcome? Outcome, bool ConnectionUnusable, int Code, string? Error)
    {
        public static TransactionResult Done(SendOutcome outcome, bool connectionUnusable = false) => new(outcome, connectionUnusable, 0, null);
        public static TransactionResult Retry(int code, string error) => new(null, true, code, error);
    }
}
