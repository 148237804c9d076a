namespace Monitor.Worker.Mail;

/// <summary>
/// Delivers messages. One instance serves one batch (an SMTP transport keeps its connection open across the batch
/// and closes it on dispose). Failures are returned as <see cref="SendOutcome"/> values, never thrown.
/// </summary>
public interface IMailTransport : IAsyncDisposable
{
    Task<SendOutcome> SendAsync(MailEnvelope mail, CancellationToken ct);
}

/// <summary>Makes a transport for one batch, as configured.</summary>
public interface IMailTransportFactory
{
    IMailTransport Create();
}
