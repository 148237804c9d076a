using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Monitor.Benchmarks.Support;

/// <summary>
/// A minimal in-process SMTP server that accepts every message and keeps only counts: EHLO/HELO, MAIL, RCPT, DATA
/// (dot-terminated), RSET, NOOP, QUIT, on a free loopback port, any number of sessions at once. Chosen over aiosmtpd
/// for the throughput figures so that the mail server's own speed (a Python process) does not become the measurement;
/// both our sender and rss2email talk to this same server in the side-by-side run.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _messages, _bytes, _sessions;

    public SmtpSink()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public long Messages => Interlocked.Read(ref _messages);
    public long Bytes => Interlocked.Read(ref _bytes);
    public long Sessions => Interlocked.Read(ref _sessions);

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => ServeAsync(client));
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
        catch (SocketException) { }
    }

    private async Task ServeAsync(TcpClient client)
    {
        Interlocked.Increment(ref _sessions);
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var reader = new StreamReader(stream, Encoding.Latin1, false, 65536);
                var writer = new StreamWriter(stream, Encoding.ASCII, 4096) { NewLine = "\r\n", AutoFlush = false };
                await ReplyAsync(writer, "220 localhost benchmark sink");
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO": await ReplyAsync(writer, "250-localhost\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 52428800"); break;
                        case "HELO": await ReplyAsync(writer, "250 localhost"); break;
                        case "DATA":
                            await ReplyAsync(writer, "354 end with <CRLF>.<CRLF>");
                            long size = 0;
                            while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".") size += data.Length + 2;
                            Interlocked.Increment(ref _messages);
                            Interlocked.Add(ref _bytes, size);
                            await ReplyAsync(writer, "250 OK queued");
                            break;
                        case "QUIT": await ReplyAsync(writer, "221 bye"); return;
                        case "MAIL" or "RCPT" or "RSET" or "NOOP": await ReplyAsync(writer, "250 OK"); break;
                        default: await ReplyAsync(writer, "502 command not implemented"); break;
                    }
                }
            }
            catch (IOException) { }
            catch (OperationCanceledException) { }
        }
    }

    private static async Task ReplyAsync(StreamWriter writer, string text)
    {
        await writer.WriteLineAsync(text);
        await writer.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
