using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Mail;

/// <summary>
/// Turns a rendered digest into the outbox row to enqueue: deterministic Message-ID from the idempotency key,
/// unsubscribe headers for the subscriber, and the finished MIME bytes (stored, so a resend is the same bytes).
/// </summary>
public static class OutboxMessages
{
    public static OutboxMessage Build(MailOptions options, UnsubscribeTokens tokens, SubscriberRecord subscriber,
        string idempotencyKey, string subject, string textBody, string htmlBody, DateTimeOffset now)
    {
        var from = new MailAddress(options.FromAddress, options.FromName);
        var to = new MailAddress(subscriber.Email, subscriber.Name);
        var messageId = MessageIds.For(idempotencyKey, from.Domain);
        var links = UnsubscribeLinks.For(options, tokens, subscriber.Id, subscriber.Email);
        var mail = new OutgoingMail(from, to, subject, textBody, htmlBody, messageId, now,
            options.ListId, links.Url, links.Mailto);
        return new OutboxMessage
        {
            Key = idempotencyKey,
            SubscriberId = subscriber.Id,
            Recipient = to.Address,
            MessageId = messageId,
            Subject = HeaderEncoder.Sanitize(subject),
            Mime = MimeWriter.Write(mail),
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }
}
