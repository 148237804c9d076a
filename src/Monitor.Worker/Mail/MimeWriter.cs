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

        // Both bodies are encoded to UTF-8 first: each part's headers name the transfer encoding its bytes call for.
        using var text = BodyEncoder.Prepare(mail.TextBody);
        using var html = BodyEncoder.Prepare(mail.HtmlBody);
        // Room for headers and both bodies in base64 (4/3 of the bytes, plus a line break per 57): usually no regrowth.
        using var output = new PooledBytes(4096 + (text.Utf8.Length + html.Utf8.Length) * 7 / 5);
        output.WriteAscii(HeaderEncoder.Structured("Date", [HeaderEncoder.Date(mail.Date)]));
        output.WriteAscii(HeaderEncoder.Mailbox("From", mail.From));
        output.WriteAscii(HeaderEncoder.Mailbox("To", mail.To));
        output.WriteAscii(HeaderEncoder.Unstructured("Subject", mail.Subject));
        output.WriteAscii(HeaderEncoder.Structured("Message-ID", [mail.MessageId]));
        output.WriteAscii("MIME-Version: 1.0\r\n");
        AppendListHeaders(output, mail);
        output.WriteAscii(HeaderEncoder.Structured("Content-Type", ["multipart/alternative;", $"boundary=\"{boundary}\""]));
        output.WriteAscii("\r\n");
        output.WriteAscii("This is a multi-part message in MIME format.\r\n");
        AppendPart(output, boundary, "text/plain", text);
        AppendPart(output, boundary, "text/html", html);
        output.WriteAscii($"--{boundary}--\r\n");
        return output.ToArray();
    }

    private static void AppendListHeaders(PooledBytes output, OutgoingMail mail)
    {
        if (!string.IsNullOrEmpty(mail.ListId))
        {
            var listId = mail.ListId.Trim().Trim('<', '>');
            if (!MailAddress.IsHostName(listId))
                throw new ArgumentException($"ListId '{mail.ListId}' is not a dot-separated list identifier", nameof(mail));
            output.WriteAscii(HeaderEncoder.Structured("List-Id", [$"<{listId}>"]));
        }

        var uris = new List<string>(2);
        if (!string.IsNullOrEmpty(mail.UnsubscribeUrl))
            uris.Add(CheckedUri(mail.UnsubscribeUrl, ["https://", "http://"], "UnsubscribeUrl"));
        if (!string.IsNullOrEmpty(mail.UnsubscribeMailto))
            uris.Add(CheckedUri(mail.UnsubscribeMailto, ["mailto:"], "UnsubscribeMailto"));
        if (uris.Count == 0) return;
        // The comma belongs to the first atom so a fold lands after it: "<https://...>,\r\n <mailto:...>".
        var atoms = uris.Select((u, i) => i < uris.Count - 1 ? $"<{u}>," : $"<{u}>").ToList();
        output.WriteAscii(HeaderEncoder.Structured("List-Unsubscribe", atoms));
        // RFC 8058: one-click is announced only together with an HTTP(S) URI to POST to.
        if (!string.IsNullOrEmpty(mail.UnsubscribeUrl))
            output.WriteAscii("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
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

    private static void AppendPart(PooledBytes output, string boundary, string mediaType, BodyEncoder.Prepared body)
    {
        output.WriteAscii($"--{boundary}\r\n");
        output.WriteAscii($"Content-Type: {mediaType}; charset=\"utf-8\"\r\n");
        output.WriteAscii($"Content-Transfer-Encoding: {body.TransferEncoding}\r\n");
        output.WriteAscii("\r\n");
        body.WriteEncodedTo(output);
        // The line break before a boundary belongs to the boundary (RFC 2046 §5.1.1): without this one, the
        // body's own last line break would be swallowed.
        output.WriteAscii("\r\n");
    }

    /// <summary>
    /// "=_" can occur in neither quoted-printable ("=" is always followed by hex or a line break) nor base64 output,
    /// so a boundary starting with it cannot collide with a body line, whatever the feed text is.
    /// </summary>
    private static string Boundary(string messageId) =>
        "=_monitor_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(messageId)).AsSpan(0, 12));
}
