using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Monitor.Worker.Mail;

/// <summary>
/// One SMTP connection speaking the wire protocol: multi-line replies, commands, STARTTLS, AUTH, and DATA with
/// dot-stuffing. Every read and write is bounded by the timeout; a timeout or a broken socket surfaces as
/// <see cref="SmtpConnectionException"/>. Policy (what to retry, what an outcome means) is the transport's job.
/// </summary>
internal sealed class SmtpConnection : IAsyncDisposable
{
    private const int MaxReplyLine = 4096;
    private readonly TcpClient _tcp;
    private readonly SmtpSettings _settings;
    private Stream _stream;
    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    private SmtpConnection(TcpClient tcp, Stream stream, SmtpSettings settings)
    {
        _tcp = tcp;
        _stream = stream;
        _settings = settings;
    }

    public HashSet<string> Extensions { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public bool IsEncrypted => _stream is SslStream;

    /// <summary>Connects, reads the greeting, says EHLO, upgrades to TLS as configured and authenticates.</summary>
    public static async Task<SmtpConnection> OpenAsync(SmtpSettings settings, CancellationToken ct)
    {
        var tcp = new TcpClient { NoDelay = true };
        SmtpConnection? connection = null;
        try
        {
            using (var connectTimeout = Timeout(settings, ct))
            {
                try { await tcp.ConnectAsync(settings.Host, settings.Port, connectTimeout.Token); }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new SmtpConnectionException($"connecting to {settings.Host}:{settings.Port} timed out after {settings.Timeout}");
                }
                catch (SocketException e)
                {
                    throw new SmtpConnectionException($"cannot connect to {settings.Host}:{settings.Port}: {e.SocketErrorCode}", e);
                }
            }
            connection = new SmtpConnection(tcp, tcp.GetStream(), settings);
            if (settings.Security == SmtpSecurity.Tls) await connection.UpgradeToTlsAsync(ct);
            await connection.ExpectAsync(await connection.ReadReplyAsync(ct), 220, "greeting");
            await connection.HelloAsync(ct);
            if (settings.Security == SmtpSecurity.StartTls)
            {
                if (!connection.Extensions.Contains("STARTTLS"))
                    throw new SmtpConnectionException($"{settings.Host} does not offer STARTTLS, which the configuration requires");
                await connection.ExpectAsync(await connection.CommandAsync("STARTTLS", ct), 220, "STARTTLS");
                await connection.UpgradeToTlsAsync(ct);
                await connection.HelloAsync(ct);
            }
            if (!string.IsNullOrEmpty(settings.UserName)) await connection.AuthenticateAsync(ct);
            return connection;
        }
        catch
        {
            if (connection is not null) await connection.DisposeAsync();
            else tcp.Dispose();
            throw;
        }
    }

    public async Task<SmtpReply> CommandAsync(string command, CancellationToken ct)
    {
        await WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), ct);
        return await ReadReplyAsync(ct);
    }

    /// <summary>Sends the message after a 354: dot-stuffed, ending in CRLF "." CRLF; returns the final reply.</summary>
    public async Task<SmtpReply> SendDataAsync(byte[] message, CancellationToken ct)
    {
        await WriteAsync(DotStuff(message), ct);
        return await ReadReplyAsync(ct);
    }

    /// <summary>Sends QUIT and closes; errors are irrelevant at this point (the batch is over).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_tcp.Connected)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await WriteAsync("QUIT\r\n"u8.ToArray(), quick.Token);
                await ReadReplyAsync(quick.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    /// <summary>
    /// The DATA payload: a '.' opening a line is doubled (RFC 5321 §4.5.2), the content ends with CRLF, then the
    /// terminating "." line. Copies whole lines at a time (digests are sent by the thousand).
    /// </summary>
    internal static byte[] DotStuff(byte[] message)
    {
        var output = new MemoryStream(message.Length + 64);
        var rest = message.AsSpan();
        while (!rest.IsEmpty)
        {
            if (rest[0] == (byte)'.') output.WriteByte((byte)'.');
            var lf = rest.IndexOf((byte)'\n');
            if (lf < 0)
            {
                output.Write(rest);
                output.Write("\r\n"u8);
                break;
            }
            if (lf == 0 || rest[lf - 1] != (byte)'\r')
            {
                // A bare LF becomes CRLF: "\n.\n" would otherwise never be seen as the end by the server.
                output.Write(rest[..lf]);
                output.Write("\r\n"u8);
            }
            else output.Write(rest[..(lf + 1)]);
            rest = rest[(lf + 1)..];
        }
        output.Write(".\r\n"u8);
        return output.ToArray();
    }

    private async Task HelloAsync(CancellationToken ct)
    {
        var reply = await CommandAsync("EHLO " + _settings.LocalName, ct);
        if (!reply.IsPositiveCompletion)
        {
            await ExpectAsync(await CommandAsync("HELO " + _settings.LocalName, ct), 250, "HELO");
            Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            return;
        }
        // The first line is the server's name; each further line is one extension keyword with parameters.
        Extensions = new HashSet<string>(
            reply.Text.Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0)
                .SelectMany(l => l.StartsWith("AUTH ", StringComparison.OrdinalIgnoreCase)
                    ? l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(m => "AUTH=" + m).Prepend("AUTH")
                    : [l.Split(' ')[0]]),
            StringComparer.OrdinalIgnoreCase);
    }

    private async Task AuthenticateAsync(CancellationToken ct)
    {
        // Credentials never cross the network in clear; loopback (a local relay) is the one exception.
        if (!IsEncrypted && !IsLoopback(_settings.Host))
            throw new SmtpConnectionException(
                $"refusing to send credentials to {_settings.Host} without TLS: set Monitor:Mail:Security to starttls or tls");
        var user = _settings.UserName!;
        var password = _settings.Password ?? "";
        if (Extensions.Contains("AUTH=PLAIN") || !Extensions.Contains("AUTH=LOGIN"))
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}"));
            await ExpectAsync(await CommandAsync("AUTH PLAIN " + token, ct), 235, "AUTH PLAIN");
            return;
        }
        await ExpectAsync(await CommandAsync("AUTH LOGIN", ct), 334, "AUTH LOGIN");
        await ExpectAsync(await CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(user)), ct), 334, "AUTH LOGIN user");
        await ExpectAsync(await CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(password)), ct), 235, "AUTH LOGIN password");
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));

    private async Task UpgradeToTlsAsync(CancellationToken ct)
    {
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false, _settings.CertificateValidation);
        using var timeout = Timeout(_settings, ct);
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = _settings.Host }, timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Handshake refused, certificate not trusted, timeout, or a failing validation callback: all "no TLS".
            throw new SmtpConnectionException($"TLS with {_settings.Host} failed: {e.Message}", e);
        }
        _stream = ssl;
        _start = _end = 0;
    }

    private Task ExpectAsync(SmtpReply reply, int code, string step) =>
        reply.Code == code ? Task.CompletedTask : Task.FromException(new SmtpSessionException(reply, step));

    private async Task WriteAsync(byte[] bytes, CancellationToken ct)
    {
        using var timeout = Timeout(_settings, ct);
        try
        {
            await _stream.WriteAsync(bytes, timeout.Token);
            await _stream.FlushAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new SmtpConnectionException($"writing to {_settings.Host} timed out after {_settings.Timeout}");
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException and not SmtpConnectionException)
        {
            throw new SmtpConnectionException($"connection to {_settings.Host} broke: {e.Message}", e);
        }
    }

    /// <summary>Reads "ddd-text" lines up to the final "ddd text" line. Text of a multi-line reply is joined by LF.</summary>
    internal async Task<SmtpReply> ReadReplyAsync(CancellationToken ct)
    {
        var lines = new List<string>();
        using var timeout = Timeout(_settings, ct);
        while (true)
        {
            string line;
            try { line = await ReadLineAsync(timeout.Token); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new SmtpConnectionException($"{_settings.Host} did not answer within {_settings.Timeout}");
            }
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), out var code) || code < 200 || code > 599
                || (line.Length > 3 && line[3] is not (' ' or '-')))
                throw new SmtpConnectionException($"not an SMTP reply: '{(line.Length > 80 ? line[..80] : line)}'");
            lines.Add(line.Length > 4 ? line[4..] : "");
            if (line.Length == 3 || line[3] == ' ') return new SmtpReply(code, string.Join("\n", lines));
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken ct)
    {
        while (true)
        {
            var lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (lf >= 0)
            {
                var line = Encoding.UTF8.GetString(_buffer, _start, lf - _start).TrimEnd('\r');
                _start = lf + 1;
                return line;
            }
            if (_end - _start >= MaxReplyLine) throw new SmtpConnectionException("reply line longer than 4096 bytes");
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            int read;
            try { read = await _stream.ReadAsync(_buffer.AsMemory(_end), ct); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException and not SmtpConnectionException)
            {
                throw new SmtpConnectionException($"connection to {_settings.Host} broke: {e.Message}", e);
            }
            if (read == 0) throw new SmtpConnectionException($"{_settings.Host} closed the connection");
            _end += read;
        }
    }

    /// <summary>Network timeouts are elapsed real time on the socket, not a reading of the service's clock.</summary>
    private static CancellationTokenSource Timeout(SmtpSettings settings, CancellationToken ct)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(settings.Timeout);
        return cts;
    }
}
