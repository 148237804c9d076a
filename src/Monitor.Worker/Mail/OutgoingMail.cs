namespace Monitor.Worker.Mail;

/// <summary>
/// Everything the message writer needs for one digest. Subject, names and bodies are untrusted text (they carry feed
/// titles); <see cref="MessageId"/>, <see cref="ListId"/> and the unsubscribe URIs are built by us and validated.
/// </summary>
public sealed record OutgoingMail(
    MailAddress From,
    MailAddress To,
    string Subject,
    string TextBody,
    string HtmlBody,
    string MessageId,
    DateTimeOffset Date,
    string? ListId,
    string? UnsubscribeUrl,
    string? UnsubscribeMailto);
