using Monitor.Worker.Mail;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Tests.Mail;

/// <summary>Builders for messages used across the mail tests.</summary>
internal static class TestMail
{
    public static readonly DateTimeOffset Date = new(2026, 11, 22, 8, 30, 0, TimeSpan.FromHours(3));

    public static OutgoingMail Digest(
        string subject = "ملخص الأخبار: ٣ بيانات جديدة",
        string? fromName = "مرصد الأخبار",
        string toAddress = "reader@example.org",
        string? toName = "قارئ الأخبار",
        string key = "subscriber-1/2026-11-22T08:00Z",
        string text = "السلام عليكم\nهذا ملخص اليوم.\n",
        string html = "<html dir=\"rtl\" lang=\"ar\"><body><p>هذا ملخص اليوم.</p></body></html>") =>
        new(
            new MailAddress("monitor@example.org", fromName),
            new MailAddress(toAddress, toName),
            subject, text, html,
            MessageIds.For(key, "example.org"),
            Date,
            "digest.monitor.example.org",
            "https://monitor.example.org/unsubscribe?token=abc.def",
            "mailto:unsubscribe@example.org?subject=unsubscribe-abc.def");

    public static OutboxMessage Outbox(string recipient, string key, DateTimeOffset now)
    {
        var mail = Digest(toAddress: recipient, key: key);
        return new OutboxMessage
        {
            Key = key,
            SubscriberId = Math.Abs(key.GetHashCode()),
            Recipient = recipient,
            MessageId = mail.MessageId,
            Subject = mail.Subject,
            Mime = MimeWriter.Write(mail),
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }
}
