using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Monitor.Worker.Tests.Support;

/// <summary>What the scripted server does with one mail transaction for a recipient.</summary>
public abstract record ScriptStep
{
    private ScriptStep() { }

    /// <summary>250 to RCPT and to the end of DATA; the message is kept in <see cref="ScriptedSmtpServer.Accepted"/>.</summary>
    public static ScriptStep Accept { get; } = new AcceptStep();
    /// <summary>Answers RCPT TO with this code (e.g. 450 mailbox busy, 550 no such user).</summary>
    public static ScriptStep RejectRecipient(int code, string text) => new RejectRecipientStep(code, text);
    /// <summary>Takes the whole message, then answers the final dot with this code instead of 250.</summary>
    public static ScriptStep RejectData(int code, string text) => new RejectDataStep(code, text);
    /// <summary>After 354, reads the first line of the message and closes the connection without a reply.</summary>
    public static ScriptStep DropDuringData { get; } = new DropDuringDataStep();

    internal sealed record AcceptStep : ScriptStep;
    internal sealed record RejectRecipientStep(int Code, string Text) : ScriptStep;
    internal sealed record RejectDataStep(int Code, string Text) : ScriptStep;
    internal sealed record DropDuringDataStep : ScriptStep;
}

/// <summary>A message the scripted server accepted (250 to DATA), dot-unstuffed.</summary>
public sealed record ScriptedMessage(string MailFrom, IReadOnlyList<string> Recipients, byte[] Bytes);

/// <summary>
/// A tiny SMTP responder on loopback for fault tests: per-recipient scripts (4xx/5xx, drop mid-DATA), a slow mode,
/// going down and coming back on the same port, and dropping idle connections. Everything it is told is logged.
/// Speaks just enough ESMTP for a client: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptStep>> _scripts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ScriptStep> _always = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<ScriptedMessage> _accepted = new();
    private readonly ConcurrentQueue<string> _commands = new();
    private readonly ConcurrentDictionary<TcpClient, Task> _clients = new();
    private readonly ConcurrentQueue<string> _logins = new();
    private (string User, string Password, string Mechanisms)? _auth;
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();
    private Task _acceptLoop = Task.CompletedTask;
    private int _connections;

    private ScriptedSmtpServer(int port) { Port = port; }

    public int Port { get; private set; }
    /// <summary>Waited before every reply: a slow server, for timeout tests.</summary>
    public TimeSpan ReplyDelay { get; set; }
    public IReadOnlyList<ScriptedMessage> Accepted => _accepted.ToList();
    public IReadOnlyList<string> Commands => _commands.ToList();
    public int ConnectionCount => Volatile.Read(ref _connections);

    public static ScriptedSmtpServer Start()
    {
        var server = new ScriptedSmtpServer(0);
        server.Listen();
        return server;
    }

    /// <summary>Steps used one per transaction addressed to <paramref name="recipient"/>; afterwards, accept.</summary>
    public void Script(string recipient, params ScriptStep[] steps)
    {
        var queue = _scripts.GetOrAdd(recipient, _ => new ConcurrentQueue<ScriptStep>());
        foreach (var step in steps) queue.Enqueue(step);
    }

    /// <summary>Offers AUTH with these mechanisms ("PLAIN LOGIN") and refuses MAIL (530) until the client logs in.</summary>
    public void RequireAuth(string user, string password, string mechanisms = "PLAIN LOGIN") =>
        _auth = (user, password, mechanisms);

    /// <summary>User names that logged in successfully, in order.</summary>
    public IReadOnlyList<string> Logins => _logins.ToList();

    /// <summary>The same step for every transaction to <paramref name="recipient"/>.</summary>
    public void ScriptAlways(string recipient, ScriptStep step) => _always[recipient] = step;

    /// <summary>Server down: stops listening (connections are refused) and drops every open connection.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        _listener?.Stop();
        DropConnections();
        try { await _acceptLoop; } catch (OperationCanceledException) { }
    }

    /// <summary>Server up again on the same port.</summary>
    public void Resume()
    {
        _stop = new CancellationTokenSource();
        Listen();
    }

    /// <summary>Closes every open connection, as a server does with idle clients.</summary>
    public void DropConnections()
    {
        foreach (var client in _clients.Keys) client.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { await Task.WhenAll(_clients.Values).WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or TimeoutException or OperationCanceledException) { }
        _stop.Dispose();
    }

    private void Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        var token = _stop.Token;
        _acceptLoop = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await listener.AcceptTcpClientAsync(token); }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
                Interlocked.Increment(ref _connections);
                _clients[client] = Task.Run(() => ServeAsync(client, token));
            }
        });
    }

    private ScriptStep NextStep(string recipient)
    {
        if (_always.TryGetValue(recipient, out var always)) return always;
        return _scripts.TryGetValue(recipient, out var queue) && queue.TryDequeue(out var step) ? step : ScriptStep.Accept;
    }

    private async Task ServeAsync(TcpClient client, CancellationToken ct)
    {
        try
        {
            using (client)
            {
                var session = new Session(client.GetStream(), this);
                await session.RunAsync(ct);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException) { }
        finally
        {
            _clients.TryRemove(client, out _);
        }
    }

    /// <summary>One connection's conversation.</summary>
    private sealed class Session(NetworkStream stream, ScriptedSmtpServer server)
    {
        private readonly byte[] _buffer = new byte[16384];
        private int _start, _end;
        private string _from = "";
        private readonly List<string> _recipients = [];
        private ScriptStep _step = ScriptStep.Accept;
        private bool _authenticated;

        public async Task RunAsync(CancellationToken ct)
        {
            await ReplyAsync("220 scripted.test ESMTP ready", ct);
            while (await ReadLineAsync(ct) is { } bytes)
            {
                var line = Encoding.ASCII.GetString(bytes);
                server._commands.Enqueue(line);
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        var auth = server._auth is { } a ? $"250-AUTH {a.Mechanisms}\r\n" : "";
                        await ReplyAsync($"250-scripted.test\r\n{auth}250-8BITMIME\r\n250 SIZE 10485760", ct);
                        break;
                    case "AUTH":
                        if (!await AuthenticateAsync(line, ct)) return;
                        break;
                    case "HELO": await ReplyAsync("250 scripted.test", ct); break;
                    case "MAIL" when server._auth is not null && !_authenticated:
                        await ReplyAsync("530 5.7.0 Authentication required", ct);
                        break;
                    case "MAIL":
                        Reset();
                        _from = Between(line);
                        await ReplyAsync("250 OK", ct);
                        break;
                    case "RCPT":
                        var recipient = Between(line);
                        var step = server.NextStep(recipient);
                        if (step is ScriptStep.RejectRecipientStep reject)
                        {
                            await ReplyAsync($"{reject.Code} {reject.Text}", ct);
                            break;
                        }
                        if (step is not ScriptStep.AcceptStep) _step = step;
                        _recipients.Add(recipient);
                        await ReplyAsync("250 OK", ct);
                        break;
                    case "DATA":
                        if (_recipients.Count == 0) { await ReplyAsync("503 need RCPT first", ct); break; }
                        await ReplyAsync("354 end with <CRLF>.<CRLF>", ct);
                        if (!await ReceiveDataAsync(ct)) return;
                        break;
                    case "RSET": Reset(); await ReplyAsync("250 OK", ct); break;
                    case "NOOP": await ReplyAsync("250 OK", ct); break;
                    case "QUIT": await ReplyAsync("221 bye", ct); return;
                    default: await ReplyAsync("500 unknown command", ct); break;
                }
            }
        }

        /// <summary>AUTH PLAIN (with or without an initial response) and AUTH LOGIN. False at end of stream.</summary>
        private async Task<bool> AuthenticateAsync(string line, CancellationToken ct)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var mechanism = parts.Length > 1 ? parts[1].ToUpperInvariant() : "";
            if (server._auth is not { } expected || !expected.Mechanisms.Split(' ').Contains(mechanism))
            {
                await ReplyAsync("504 5.5.4 mechanism not supported", ct);
                return true;
            }
            string user, password;
            if (mechanism == "PLAIN")
            {
                var response = parts.Length > 2 ? parts[2] : await ChallengeAsync("", ct);
                if (response is null) return false;
                var fields = Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0');
                (user, password) = fields.Length == 3 ? (fields[1], fields[2]) : ("", "");
            }
            else
            {
                var u = await ChallengeAsync("VXNlcm5hbWU6", ct);
                var p = u is null ? null : await ChallengeAsync("UGFzc3dvcmQ6", ct);
                if (u is null || p is null) return false;
                (user, password) = (Encoding.UTF8.GetString(Convert.FromBase64String(u)), Encoding.UTF8.GetString(Convert.FromBase64String(p)));
            }
            _authenticated = user == expected.User && password == expected.Password;
            if (_authenticated) server._logins.Enqueue($"{mechanism}:{user}");
            await ReplyAsync(_authenticated ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication credentials invalid", ct);
            return true;
        }

        private async Task<string?> ChallengeAsync(string challenge, CancellationToken ct)
        {
            await ReplyAsync("334 " + challenge, ct);
            var answer = await ReadLineAsync(ct);
            return answer is null ? null : Encoding.ASCII.GetString(answer);
        }

        /// <summary>False when the script closes the connection.</summary>
        private async Task<bool> ReceiveDataAsync(CancellationToken ct)
        {
            if (_step is ScriptStep.DropDuringDataStep)
            {
                await ReadLineAsync(ct);
                return false;
            }
            var message = new MemoryStream();
            while (await ReadLineAsync(ct) is { } line)
            {
                if (line is [(byte)'.']) break;
                var start = line.Length > 0 && line[0] == (byte)'.' ? 1 : 0;
                message.Write(line, start, line.Length - start);
                message.Write("\r\n"u8);
            }
            if (_step is ScriptStep.RejectDataStep rejectData)
                await ReplyAsync($"{rejectData.Code} {rejectData.Text}", ct);
            else
            {
                server._accepted.Enqueue(new ScriptedMessage(_from, _recipients.ToList(), message.ToArray()));
                await ReplyAsync("250 OK queued", ct);
            }
            Reset();
            return true;
        }

        private void Reset()
        {
            _from = "";
            _recipients.Clear();
            _step = ScriptStep.Accept;
        }

        private static string Between(string line)
        {
            var open = line.IndexOf('<');
            var close = line.IndexOf('>', open + 1);
            return open >= 0 && close > open ? line[(open + 1)..close] : "";
        }

        private async Task ReplyAsync(string reply, CancellationToken ct)
        {
            if (server.ReplyDelay > TimeSpan.Zero) await Task.Delay(server.ReplyDelay, ct);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), ct);
        }

        /// <summary>One line without its CRLF, or null at end of stream.</summary>
        private async Task<byte[]?> ReadLineAsync(CancellationToken ct)
        {
            while (true)
            {
                var lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (lf >= 0)
                {
                    var length = lf - _start;
                    if (length > 0 && _buffer[lf - 1] == (byte)'\r') length--;
                    var line = _buffer.AsSpan(_start, length).ToArray();
                    _start = lf + 1;
                    return line;
                }
                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }
                if (_end == _buffer.Length) throw new IOException("line too long");
                var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct);
                if (read == 0) return null;
                _end += read;
            }
        }
    }
}
