using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Worker.Tests.Support;

/// <param name="DisplayName">As Python's modern parser (policy.default) gives it.</param>
/// <param name="StrictDisplayName">
/// Decoded by the letter of RFC 2047 §6.2 (whitespace between adjacent encoded-words ignored), with the legacy
/// <c>email.header.decode_header</c>. Python 3.11's modern parser keeps that whitespace inside display names
/// (CPython gh-128110, fixed upstream in 2026), so names split over several encoded-words differ there.
/// </param>
public sealed record InspectedAddress(
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("strict_display_name")] string? StrictDisplayName = null);

public sealed record InspectedPart(
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("charset")] string? Charset,
    [property: JsonPropertyName("transfer_encoding")] string? TransferEncoding,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("multipart")] bool Multipart);

public sealed record InspectedHeader(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value);

/// <summary>A message as Python's <c>email</c> package (policy.default) understands it: decoded values, parts, defects.</summary>
public sealed record InspectedMessage(
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("from")] IReadOnlyList<InspectedAddress> From,
    [property: JsonPropertyName("to")] IReadOnlyList<InspectedAddress> To,
    [property: JsonPropertyName("message_id")] string? MessageId,
    [property: JsonPropertyName("date")] string? Date,
    [property: JsonPropertyName("date_iso")] string? DateIso,
    [property: JsonPropertyName("list_id")] string? ListId,
    [property: JsonPropertyName("list_unsubscribe")] string? ListUnsubscribe,
    [property: JsonPropertyName("list_unsubscribe_post")] string? ListUnsubscribePost,
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("headers")] IReadOnlyList<InspectedHeader> Headers,
    [property: JsonPropertyName("parts")] IReadOnlyList<InspectedPart> Parts,
    [property: JsonPropertyName("defects")] IReadOnlyList<string> Defects,
    [property: JsonPropertyName("max_line_length")] int MaxLineLength,
    [property: JsonPropertyName("max_header_line_length")] int MaxHeaderLineLength,
    [property: JsonPropertyName("max_body_line_length")] int MaxBodyLineLength,
    [property: JsonPropertyName("bare_line_feeds")] int BareLineFeeds,
    [property: JsonPropertyName("non_ascii_bytes")] int NonAsciiBytes)
{
    /// <summary>The leaf parts (not multipart containers), in order.</summary>
    public IReadOnlyList<InspectedPart> Leaves => Parts.Where(p => !p.Multipart).ToList();

    public IReadOnlyList<string> HeaderNames => Headers.Select(h => h.Name).ToList();
}

/// <summary>
/// Parses raw message bytes with a real MIME parser — Python's <c>email.message_from_bytes(raw,
/// policy=email.policy.default)</c> run by /usr/bin/python3 — and returns what a mail client would see. Tests assert
/// on this decoded view, never on raw strings. Part texts come with line breaks as \n. Line-length and line-ending
/// facts of the raw bytes come along.
/// </summary>
public static class MimeInspector
{
    public static async Task<InspectedMessage> InspectAsync(byte[] raw, CancellationToken ct = default) =>
        (await InspectManyAsync([raw], ct))[0];

    public static async Task<IReadOnlyList<InspectedMessage>> InspectManyAsync(IReadOnlyList<byte[]> messages, CancellationToken ct = default)
    {
        if (messages.Count == 0) return [];
        var folder = Directory.CreateTempSubdirectory("monitor-mime-").FullName;
        try
        {
            var script = Path.Combine(folder, "inspect.py");
            await File.WriteAllTextAsync(script, Script, ct);
            var info = new ProcessStartInfo("/usr/bin/python3")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(script);
            for (var i = 0; i < messages.Count; i++)
            {
                var path = Path.Combine(folder, $"{i:D6}.eml");
                await File.WriteAllBytesAsync(path, messages[i], ct);
                info.ArgumentList.Add(path);
            }
            info.Environment["PYTHONIOENCODING"] = "utf-8";
            using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start python3");
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"MIME inspection failed ({process.ExitCode}): {await stderr}");
            return JsonSerializer.Deserialize<List<InspectedMessage>>(await stdout)
                ?? throw new InvalidOperationException("MIME inspection printed nothing");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const string Script = """
        import email, email.header, email.utils, json, sys
        from email import policy

        def text(value):
            return None if value is None else str(value)

        def strict(raw_name):
            # RFC 2047 decoding of the raw phrase: the legacy API drops whitespace between encoded-words.
            if not raw_name:
                return ''
            return str(email.header.make_header(email.header.decode_header(raw_name)))

        def addresses(msg, raw_msg, name):
            value = msg.get(name)
            if value is None:
                return []
            # Unfold (drop the CRLF, keep the space) first: getaddresses refuses folded input since 3.11.4.
            raw = str(raw_msg.get(name, '')).replace('\r\n', '').replace('\n', '')
            raw_pairs = email.utils.getaddresses([raw])
            result = []
            for i, a in enumerate(value.addresses):
                strict_name = strict(raw_pairs[i][0]) if i < len(raw_pairs) else None
                result.append({'display_name': a.display_name, 'address': a.addr_spec, 'strict_display_name': strict_name})
            return result

        def lf(text):
            return None if text is None else text.replace('\r\n', '\n')

        def inspect(raw):
            msg = email.message_from_bytes(raw, policy=policy.default)
            raw_msg = email.message_from_bytes(raw, policy=policy.compat32)
            defects = []
            parts = []
            for part in msg.walk():
                defects += ['%s: %s' % (type(d).__name__, d) for d in part.defects]
                if part.is_multipart():
                    parts.append({'content_type': part.get_content_type(), 'charset': None,
                                  'transfer_encoding': None, 'text': None, 'multipart': True})
                else:
                    parts.append({'content_type': part.get_content_type(), 'charset': part.get_content_charset(),
                                  'transfer_encoding': text(part.get('Content-Transfer-Encoding')),
                                  'text': lf(part.get_content()), 'multipart': False})
            headers = []
            for name, value in msg.items():
                defects += ['%s: %s: %s' % (name, type(d).__name__, d) for d in getattr(value, 'defects', ())]
                headers.append({'name': name, 'value': str(value)})
            head, _, body = raw.partition(b'\r\n\r\n')
            lines = raw.split(b'\r\n')
            date = msg.get('Date')
            return {
                'subject': text(msg.get('Subject')),
                'from': addresses(msg, raw_msg, 'From'),
                'to': addresses(msg, raw_msg, 'To'),
                'message_id': text(msg.get('Message-ID')),
                'date': text(date),
                'date_iso': date.datetime.isoformat() if date is not None and date.datetime is not None else None,
                'list_id': text(msg.get('List-Id')),
                'list_unsubscribe': text(msg.get('List-Unsubscribe')),
                'list_unsubscribe_post': text(msg.get('List-Unsubscribe-Post')),
                'content_type': msg.get_content_type(),
                'headers': headers,
                'parts': parts,
                'defects': defects,
                'max_line_length': max(len(l) for l in lines),
                'max_header_line_length': max(len(l) for l in head.split(b'\r\n')),
                'max_body_line_length': max(len(l) for l in body.split(b'\r\n')),
                'bare_line_feeds': raw.count(b'\n') - raw.count(b'\r\n'),
                'non_ascii_bytes': sum(1 for b in raw if b >= 0x80),
            }

        result = []
        for path in sys.argv[1:]:
            with open(path, 'rb') as f:
                result.append(inspect(f.read()))
        sys.stdout.write(json.dumps(result, ensure_ascii=False))
        """;
}
