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
            ? new EncodedBody("quoted-printable", QuotedPrintable(bytes))
            : new EncodedBody("base64", Base64(bytes));
    }

    /// <summary>
    /// Every CR, LF or CRLF becomes CRLF, and the text ends with one line break. One pass, copying the runs between
    /// breaks: three whole-text replacements over a digest's HTML were a third of composing a digest.
    /// </summary>
    internal static string NormalizeLineBreaks(string text)
    {
        var sb = new StringBuilder(text.Length + text.Length / 16 + 2);
        var i = 0;
        while (i < text.Length)
        {
            var run = text.AsSpan(i).IndexOfAny('\r', '\n');
            if (run < 0)
            {
                sb.Append(text, i, text.Length - i);
                break;
            }
            sb.Append(text, i, run).Append("\r\n");
            i += run;
            i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
        }
        if (text.Length == 0 || text[^1] is not ('\r' or '\n')) sb.Append("\r\n");
        return sb.ToString();
    }

    private static string Base64(byte[] bytes) =>
        Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks) + "\r\n";

    /// <summary>
    /// The UTF-8 bytes of a normalised text (CRLF breaks), quoted-printable. RFC 2045 §6.7: hard line breaks stay CRLF;
    /// '=', non-ASCII and controls become =XX; a space or tab at the end of a line is encoded (transports strip it); a
    /// '.' opening a line is encoded (some relays mishandle it); lines longer than 76 get soft breaks ("=" CRLF) that
    /// never split an =XX triplet.
    /// </summary>
    internal static string QuotedPrintable(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length * 3 / 2);
        var length = 0;
        var lineStart = true;
        for (var j = 0; j < bytes.Length; j++)
        {
            var b = bytes[j];
            if (b == (byte)'\r' && j + 1 < bytes.Length && bytes[j + 1] == (byte)'\n')
            {
                sb.Append("\r\n");
                j++;
                length = 0;
                lineStart = true;
                continue;
            }
            var endOfLine = j + 1 == bytes.Length || bytes[j + 1] == (byte)'\r';
            var literal = (b is >= 33 and <= 126 && b != (byte)'=' && !(b == (byte)'.' && lineStart))
                || (b is (byte)' ' or (byte)'\t' && !endOfLine);
            var width = literal ? 1 : 3;
            if (length + width > MaxLine - 1)
            {
                sb.Append("=\r\n");
                length = 0;
            }
            if (literal) sb.Append((char)b);
            else sb.Append('=').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            length += width;
            lineStart = false;
        }
        return sb.ToString();
    }

    private const string Hex = "0123456789ABCDEF";
}
