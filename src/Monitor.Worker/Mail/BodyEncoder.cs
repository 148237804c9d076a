using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Monitor.Worker.Mail;

/// <summary>
/// One MIME body, UTF-8, encoded for 7-bit transport with lines of at most 76 characters and CRLF. Chooses
/// quoted-printable for mostly-ASCII text (HTML markup, English) and base64 for mostly-Arabic text, where
/// quoted-printable would triple the size (every Arabic letter is two UTF-8 bytes, each "=XX").
/// </summary>
internal static class BodyEncoder
{
    private const int MaxLine = 76;
    private const int Base64LineBytes = MaxLine / 4 * 3;   // 57 bytes make one full 76-character line

    /// <summary>A body's UTF-8 (line breaks normalised) in a pooled array, and the transfer encoding it calls for.</summary>
    public sealed class Prepared : IDisposable
    {
        private byte[] _bytes;
        private readonly int _length;

        internal Prepared(byte[] bytes, int length, string transferEncoding) => (_bytes, _length, TransferEncoding) = (bytes, length, transferEncoding);

        public string TransferEncoding { get; }

        public ReadOnlySpan<byte> Utf8 => _bytes.AsSpan(0, _length);

        /// <summary>The body in its transfer encoding, ending with CRLF.</summary>
        public void WriteEncodedTo(PooledBytes output)
        {
            if (TransferEncoding == "base64") Base64(Utf8, output);
            else QuotedPrintable(Utf8, output);
        }

        public void Dispose()
        {
            if (_bytes.Length > 0) ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = [];
        }
    }

    public static Prepared Prepare(string? text)
    {
        var (bytes, length) = NormalizedUtf8(text ?? "");
        var nonAscii = 0;
        foreach (var b in bytes.AsSpan(0, length)) if (b >= 0x80) nonAscii++;
        return new Prepared(bytes, length, nonAscii * 5 < length - nonAscii ? "quoted-printable" : "base64");
    }

    /// <summary>
    /// The UTF-8 of the text where every CR, LF or CRLF is CRLF and the text ends with one line break, in a pooled array.
    /// One pass, encoding the runs between breaks straight into the array (no normalised copy of the text).
    /// </summary>
    internal static (byte[] Bytes, int Length) NormalizedUtf8(string text)
    {
        // Three bytes per UTF-16 unit at most; a break of one unit becomes two bytes; two more for the final break.
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length) + 2);
        var n = 0;
        var i = 0;
        while (i < text.Length)
        {
            var run = text.AsSpan(i).IndexOfAny('\r', '\n');
            if (run < 0)
            {
                n += Encoding.UTF8.GetBytes(text.AsSpan(i), bytes.AsSpan(n));
                break;
            }
            n += Encoding.UTF8.GetBytes(text.AsSpan(i, run), bytes.AsSpan(n));
            bytes[n++] = (byte)'\r';
            bytes[n++] = (byte)'\n';
            i += run;
            i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
        }
        if (text.Length == 0 || text[^1] is not ('\r' or '\n'))
        {
            bytes[n++] = (byte)'\r';
            bytes[n++] = (byte)'\n';
        }
        return (bytes, n);
    }

    /// <summary>The text with its line breaks normalised as <see cref="NormalizedUtf8"/> does (for tests).</summary>
    internal static string NormalizeLineBreaks(string text)
    {
        var (bytes, length) = NormalizedUtf8(text);
        try { return Encoding.UTF8.GetString(bytes, 0, length); }
        finally { ArrayPool<byte>.Shared.Return(bytes); }
    }

    /// <summary>Lines of 76 characters (57 bytes each) joined by CRLF, then a final CRLF.</summary>
    private static void Base64(ReadOnlySpan<byte> bytes, PooledBytes output)
    {
        for (var start = 0; start < bytes.Length; start += Base64LineBytes)
        {
            if (start > 0) output.Write("\r\n"u8);
            var chunk = bytes.Slice(start, Math.Min(Base64LineBytes, bytes.Length - start));
            System.Buffers.Text.Base64.EncodeToUtf8(chunk, output.GetSpan(MaxLine), out _, out var written);
            output.Advance(written);
        }
        output.Write("\r\n"u8);
    }

    /// <summary>
    /// The UTF-8 bytes of a normalised text (CRLF breaks), quoted-printable. RFC 2045 §6.7: hard line breaks stay CRLF;
    /// '=', non-ASCII and controls become =XX; a space or tab at the end of a line is encoded (transports strip it); a
    /// '.' opening a line is encoded (some relays mishandle it); lines longer than 76 get soft breaks ("=" CRLF) that
    /// never split an =XX triplet.
    /// </summary>
    private static void QuotedPrintable(ReadOnlySpan<byte> bytes, PooledBytes output)
    {
        var length = 0;
        var lineStart = true;
        for (var j = 0; j < bytes.Length; j++)
        {
            var b = bytes[j];
            if (b == (byte)'\r' && j + 1 < bytes.Length && bytes[j + 1] == (byte)'\n')
            {
                output.Write("\r\n"u8);
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
                output.Write("=\r\n"u8);
                length = 0;
            }
            if (literal) output.Write(b);
            else
            {
                var span = output.GetSpan(3);
                span[0] = (byte)'=';
                span[1] = Hex[b >> 4];
                span[2] = Hex[b & 0xF];
                output.Advance(3);
            }
            length += width;
            lineStart = false;
        }
    }

    private static ReadOnlySpan<byte> Hex => "0123456789ABCDEF"u8;
}
