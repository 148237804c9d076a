using System.Text;

namespace Monitor.Core.Feeds;

/// <summary>
/// Turns feed bytes into text. Precedence follows RFC 7303 §3.2 (BOM, then the HTTP charset, then the XML
/// declaration), with one deliberate exception taken from Miniflux: bytes that are valid UTF-8 are decoded as UTF-8
/// whatever the charset or declaration claims, because mislabelled UTF-8 is far more common than real legacy text
/// that happens to be valid UTF-8.
/// </summary>
internal static class FeedEncoding
{
    static FeedEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public readonly record struct Decoded(string Text, string EncodingName, string? Warning);

    public static Decoded Decode(ReadOnlySpan<byte> bytes, string? contentType)
    {
        // 1. A byte order mark is unambiguous.
        var bom = FromBom(bytes, out var bomLength);
        if (bom is not null) return new(bom.GetString(bytes[bomLength..]), bom.WebName, null);

        // 2. UTF-16/32 without a BOM shows itself in the first '<'.
        var wide = FromNullPattern(bytes);
        if (wide is not null) return new(wide.GetString(bytes), wide.WebName, null);

        var httpCharset = CharsetFromContentType(contentType);
        var declared = DeclaredEncoding(bytes);

        // 3. Valid UTF-8 wins (Miniflux rule); pure ASCII is valid UTF-8 and decodes the same in every ASCII superset.
        if (TryDecodeUtf8(bytes) is { } utf8)
        {
            var label = httpCharset ?? declared;
            string? warning = null;
            if (label is not null && !IsUtf8Label(label) && !IsAscii(bytes))
                warning = $"declared charset '{label}' but the bytes are valid UTF-8: decoded as UTF-8";
            return new(StripBom(utf8), "utf-8", warning);
        }

        // 4. The HTTP charset, then the XML declaration.
        foreach (var label in new[] { httpCharset, declared })
        {
            if (label is null || IsUtf8Label(label)) continue;
            var enc = TryGet(label);
            if (enc is not null) return new(enc.GetString(bytes), enc.WebName, null);
        }

        // 5. Not UTF-8 and no usable label: windows-1252 maps every byte, so nothing is lost and ASCII markup survives.
        var fallback = Encoding.GetEncoding(1252);
        var given = httpCharset ?? declared;
        var why = given is null ? "no charset is given" : $"charset '{given}' is unknown or wrong";
        return new(fallback.GetString(bytes), fallback.WebName, $"bytes are not valid UTF-8 and {why}: decoded as windows-1252");
    }

    public static Encoding? TryGet(string label)
    {
        var name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        name = name switch
        {
            "iso-8859-6-i" or "iso-8859-6-e" or "arabic" or "asmo-708" => "iso-8859-6",
            "cp1256" or "win-1256" => "windows-1256",
            "cp1252" or "latin1" or "latin-1" => "windows-1252",
            "utf8" => "utf-8",
            "unicode" or "utf16" => "utf-16",
            _ => name,
        };
        try { return Encoding.GetEncoding(name); }
        catch (ArgumentException) { return null; }
    }

    public static string? CharsetFromContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return null;
        foreach (var part in contentType.Split(';'))
        {
            var kv = part.Trim();
            if (kv.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))
            {
                var v = kv[8..].Trim().Trim('"', '\'');
                return v.Length == 0 ? null : v;
            }
        }
        return null;
    }

    /// <summary>The encoding="..." of an ASCII-compatible XML declaration, or null.</summary>
    public static string? DeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 512)];
        var start = 0;
        while (start < head.Length && head[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') start++;
        if (!head[start..].StartsWith("<?xml"u8)) return null;
        var end = head.IndexOf("?>"u8);
        if (end < 0) return null;
        var decl = head[start..end];
        var at = decl.IndexOf("encoding"u8);
        if (at < 0) return null;
        var rest = decl[(at + 8)..];
        var eq = rest.IndexOf((byte)'=');
        if (eq < 0) return null;
        rest = rest[(eq + 1)..].TrimStart(" \t\r\n"u8);
        if (rest.Length == 0 || rest[0] is not ((byte)'"' or (byte)'\'')) return null;
        var close = rest[1..].IndexOf(rest[0]);
        return close <= 0 ? null : Encoding.ASCII.GetString(rest.Slice(1, close));
    }

    private static Encoding? FromBom(ReadOnlySpan<byte> b, out int length)
    {
        length = 0;
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) { length = 3; return StrictUtf8WithReplacement; }
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) { length = 4; return new UTF32Encoding(false, false); }
        if (b.Length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) { length = 4; return new UTF32Encoding(true, false); }
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE) { length = 2; return new UnicodeEncoding(false, false); }
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF) { length = 2; return new UnicodeEncoding(true, false); }
        return null;
    }

    private static readonly Encoding StrictUtf8WithReplacement = new UTF8Encoding(false, false);

    private static Encoding? FromNullPattern(ReadOnlySpan<byte> b)
    {
        if (b.Length < 4) return null;
        if (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == (byte)'<') return new UTF32Encoding(true, false);
        if (b[0] == (byte)'<' && b[1] == 0 && b[2] == 0 && b[3] == 0) return new UTF32Encoding(false, false);
        if (b[0] == 0 && b[1] == (byte)'<') return new UnicodeEncoding(true, false);
        if (b[0] == (byte)'<' && b[1] == 0) return new UnicodeEncoding(false, false);
        return null;
    }

    /// <summary>A BOM that survived decoding (a second one, or one inside a declared encoding) is not content.</summary>
    private static string StripBom(string s) => s.Length > 0 && s[0] == '\uFEFF' ? s[1..] : s;

    private static bool IsUtf8Label(string label)
    {
        var l = label.Trim().Trim('"', '\'');
        return l.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || l.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The text when the bytes are valid UTF-8, else null. One transcoding pass that stops at the first invalid
    /// sequence, instead of validating first and then decoding (which reads the bytes three times: validate, count, copy).
    /// </summary>
    private static string? TryDecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        // UTF-8 never needs more UTF-16 units than it has bytes.
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(bytes.Length, 1));
        try
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes, buffer, out _, out var written, replaceInvalidSequences: false);
            return status == System.Buffers.OperationStatus.Done ? new string(buffer, 0, written) : null;
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static bool IsAscii(ReadOnlySpan<byte> bytes) => System.Text.Ascii.IsValid(bytes);
}
