using System.Security.Cryptography;
using System.Text;

namespace Monitor.Worker.Mail;

/// <summary>
/// Builds the complete RFC 5322 message for a digest: multipart/alternative with text/plain first and text/html
/// second (clients show the last part they understand), UTF-8 bodies in quoted-printable or base64, CRLF, 7-bit.
/// The bytes are deterministic for a given <see cref="OutgoingMail"/>: a resend is byte-for-byte the same message.
/// </summary>
public static class MimeWriter
{
    /// <summary>
    /// Writes the message. Text from feeds (subject, names, bodies) is encoded, never rejected; values we build
    /// (Message-ID, List-Id, unsubscribe URIs) must be well-formed, else <see cref="ArgumentException"/> names the field.
    /// </summary>
    public static byte[] Write(OutgoingMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (!MessageIds.IsValid(mail.MessageId))
            throw new ArgumentException($"MessageId '{mail.MessageId}' is not <left@right> in printable ASCII", nameof(mail));
        var boundary = Boundary(mail.MessageId);

        var sb = new StringBuilder(4096);
        sb.Append(HeaderEncoder.Structured("Date", [HeaderEncoder.Date(mail.Date)]));
        sb.Append(HeaderEncoder.Mailbox("From", mail.From));
        sb.Append(HeaderEncoder.Mailbox("To", mail.To));
        sb.Append(HeaderEncoder.Unstructured("Subject", mail.Subject));
        sb.Append(HeaderEncoder.Structured("Message-ID", [mail.MessageId]));
        sb.Append("MIME-Version: 1.0\r\n");
        AppendListHeaders(sb, mail);
        sb.Append(HeaderEncoder.Structured("Content-Type", ["multipart/alternative;", $"boundary=\"{boundary}\""]));
        sb.Append("\r\n");
        sb.Append("This is a multi-part message in MIME format.\r\n");
        AppendPart(sb, boundary, "text/plain", mail.TextBody);
        AppendPart(sb, boundary, "text/html", mail.HtmlBody);
        sb.Append("--").Append(boundary).Append("--\r\n");

        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    private static void AppendListHeaders(StringBuilder sb, OutgoingMail mail)
    {
        if (!string.IsNullOrEmpty(mail.ListId))
        {
            var listId = mail.ListId.Trim().Trim('<', '>');
            if (!MailAddress.IsHostName(listId))
                throw new ArgumentException($"ListId '{mail.ListId}' is not a dot-separated list identifier", nameof(mail));
            sb.Append(HeaderEncoder.Structured("List-Id", [$"<{listId}>"]));
        }

        var uris = new List<string>(2);
        if (!string.IsNullOrEmpty(mail.UnsubscribeUrl))
            uris.Add(CheckedUri(mail.UnsubscribeUrl, ["https://", "http://"], "UnsubscribeUrl"));
        if (!string.IsNullOrEmpty(mail.UnsubscribeMailto))
            uris.Add(CheckedUri(mail.UnsubscribeMailto, ["mailto:"], "UnsubscribeMailto"));
        if (uris.Count == 0) return;
        // The comma belongs to the first atom so a fold lands after it: "<https://...>,\r\n <mailto:...>".
        var atoms = uris.Select((u, i) => i < uris.Count - 1 ? $"<{u}>," : $"<{u}>").ToList();
        sb.Append(HeaderEncoder.Structured("List-Unsubscribe", atoms));
        // RFC 8058: one-click is announced only together with an HTTP(S) URI to POST to.
        if (!string.IsNullOrEmpty(mail.UnsubscribeUrl))
            sb.Append("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
    }

    private static string CheckedUri(string uri, string[] schemes, string field)
    {
        if (!schemes.Any(s => uri.StartsWith(s, StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"{field} must start with {string.Join(" or ", schemes)}", nameof(uri));
        foreach (var c in uri)
            if (c <= ' ' || c >= 127 || c is '<' or '>' or '"')
                throw new ArgumentException($"{field} must be percent-encoded printable ASCII without spaces or brackets", nameof(uri));
        return uri;
    }

    private static void AppendPart(StringBuilder sb, string boundary, string mediaType, string? body)
    {
        var encoded = BodyEncoder.Encode(body);
        sb.Append("--").Append(boundary).Append("\r\n");
        sb.Append("Content-Type: ").Append(mediaType).Append("; charset=\"utf-8\"\r\n");
        sb.Append("Content-Transfer-Encoding: ").Append(encoded.TransferEncoding).Append("\r\n");
        sb.Append("\r\n");
        sb.Append(encoded.Text);
        // The line break before a boundary belongs to the boundary (RFC 2046 §5.1.1): without this one, the
        // body's own last line break would be swallowed.
        sb.Append("\r\n");
    }

    /// <summary>
    /// "=_" can occur in neither quoted-printable ("=" is always followed by hex or a line break) nor base64 output,
    /// so a boundary starting with it cannot collide with a body line, whatever the feed text is.
    /// </summary>
    private static string Boundary(string messageId) =>
        "=_monitor_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(messageId)).AsSpan(0, 12));
}
