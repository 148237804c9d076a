namespace Monitor.Worker.Mail;

/// <summary>
/// One message as a transport sees it: the SMTP envelope (reverse-path, one recipient) and the finished message
/// bytes. One recipient per envelope, so a 5xx for one address can never hold back another's digest.
/// </summary>
public sealed record MailEnvelope(string Sender, string Recipient, string MessageId, byte[] Message);
