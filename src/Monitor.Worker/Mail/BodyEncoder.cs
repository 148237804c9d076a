using System.Text;

namespace Monitor.Worker.Mail;

/// <summary>One MIME body, UTF-8, encoded for 7-bit transport with lines of at most 76 characters and CRLF.</summary>
internal readonly record struct EncodedBody(string TransferEncoding, string Text);

/// <summary>
/// Chooses quoted-printable for mostly-ASCII text (HTML markup, English) and base64 for mostly-Arabic text, where
/// quoted-printable would triple the size (every Arabic letter is two UTF-8 bytes, each "=XX").
/// </summary>
internal static class BodyEncoder
{
    private const int MaxLine = 76;

    public static EncodedBody Encode(string? text)
    {
        var normalized = NormalizeLineBreaks(text ?? "");
        var bytes = Encoding.UTF8.GetBytes(normalized);
        var nonAscii = 0;
        foreach (var b in bytes) if (b >= 0x80) nonAscii++;
        return nonAscii * 5 < bytes.Length - nonAscii
            ? new EncodedBody("quoted-printable", QuotedPrintable(normalized))
            : new EncodedBody("base64", Base64(bytes));
    }

    /// <summary>Every CR, LF or CRLF becomes CRLF, and the text ends with one line break.</summary>
    internal static string NormalizeLineBreaks(string text)
    {
        var unified = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (!unified.EndsWith('\n')) unified += "\n";
        return unified.Replace("\n", "\r\n", StringComparison.Ordinal);
    }

    private static string Base64(byte[] bytes) =>
        Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks) + "\r\n";

    /// <summary>
    /// RFC 2045 §6.7: hard line breaks stay CRLF; '=', non-ASCII and controls become =XX; a space or tab at the end of
    /// a line is encoded (transports strip it); a '.' opening a line is encoded (some relays mishandle it); lines
    /// longer than 76 get soft breaks ("=" CRLF) that never split an =XX triplet.
    /// </summary>
    internal static string QuotedPrintable(string normalized)
    {
        var sb = new StringBuilder(normalized.Length * 2);
        var lines = normalized.Split("\r\n");
        // The text ends with CRLF, so the last split element is the empty remainder after it.
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(lines[i]);
            var length = 0;
            for (var j = 0; j < bytes.Length; j++)
            {
                var b = bytes[j];
                var last = j == bytes.Length - 1;
                var literal = (b is >= 33 and <= 126 && b != (byte)'=' && !(b == (byte)'.' && j == 0))
                    || (b is (byte)' ' or (byte)'\t' && !last);
                var token = literal ? ((char)b).ToString() : "=" + b.ToString("X2");
                if (length + token.Length > MaxLine - 1)
                {
                    sb.Append("=\r\n");
                    length = 0;
                }
                sb.Append(token);
                length += token.Length;
            }
            sb.Append("\r\n");
        }
        return sb.ToString();
    }
}
