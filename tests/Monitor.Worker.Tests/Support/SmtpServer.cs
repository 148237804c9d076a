using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Monitor.Worker.Tests.Support;

/// <summary>How the test server speaks TLS: not at all, STARTTLS after EHLO, or implicit TLS from the first byte (SMTPS).</summary>
public enum SmtpServerTls { None, StartTls, Implicit }

/// <summary>One message as the real SMTP server received it: envelope and the exact bytes after DATA.</summary>
public sealed record DeliveredMessage(string MailFrom, IReadOnlyList<string> Recipients, byte[] Bytes);

/// <summary>
/// A real SMTP server for integration tests: Debian's aiosmtpd (<c>apt-get install -y python3-aiosmtpd</c>) on a free
/// loopback port. It stores every message into a Maildir exactly as received (a small handler writes the DATA bytes
/// untouched, unlike aiosmtpd's Mailbox handler, which re-serialises and may refold headers) plus the envelope in a
/// sidecar file. Dispose kills it.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private SmtpServer(Process process, int port, string root, string? certificatePath)
    {
        _process = process;
        Port = port;
        Root = root;
        CertificatePath = certificatePath;
    }

    /// <summary>The self-signed certificate (PEM, CN=localhost, SAN 127.0.0.1) when TLS is on: pin it in clients.</summary>
    public string? CertificatePath { get; }

    public int Port { get; }
    /// <summary>Working folder: the Maildir and the handler module live under it; deleted on dispose.</summary>
    public string Root { get; }
    public string MaildirPath => Path.Combine(Root, "maildir");

    public static async Task<SmtpServer> StartAsync(SmtpServerTls tls = SmtpServerTls.None, CancellationToken ct = default)
    {
        if (!File.Exists(Python))
            throw new InvalidOperationException($"{Python} is missing: the SMTP tests need Debian's python3 with python3-aiosmtpd");
        var root = Directory.CreateTempSubdirectory("monitor-smtp-").FullName;
        foreach (var sub in new[] { "tmp", "new", "cur" }) Directory.CreateDirectory(Path.Combine(root, "maildir", sub));
        var modules = Path.Combine(root, "py");
        Directory.CreateDirectory(modules);
        await File.WriteAllTextAsync(Path.Combine(modules, "monitor_raw_maildir.py"), HandlerSource, ct);

        string? certificate = null;
        var tlsArguments = new List<string>();
        if (tls != SmtpServerTls.None)
        {
            certificate = Path.Combine(root, "cert.pem");
            var key = Path.Combine(root, "key.pem");
            await MakeCertificateAsync(certificate, key, ct);
            tlsArguments.AddRange(tls == SmtpServerTls.StartTls
                ? ["--tlscert", certificate, "--tlskey", key]
                : ["--smtpscert", certificate, "--smtpskey", key]);
        }

        var port = FreePort();
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // aiosmtpd takes its own options first; everything after the handler class goes to the handler.
        string[] arguments = ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", .. tlsArguments,
            "-c", "monitor_raw_maildir.RawMaildir", Path.Combine(root, "maildir")];
        foreach (var arg in arguments) info.ArgumentList.Add(arg);
        info.Environment["PYTHONPATH"] = modules;
        info.Environment["PYTHONUNBUFFERED"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start aiosmtpd");
        var server = new SmtpServer(process, port, root, certificate);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (server._stderr) server._stderr.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await server.WaitUntilListeningAsync(ct);
        return server;
    }

    /// <summary>Every message delivered so far, oldest first (raw bytes exactly as sent after DATA).</summary>
    public IReadOnlyList<byte[]> ReadMessages() => ReadDeliveries().Select(d => d.Bytes).ToList();

    /// <summary>Every delivery so far with its envelope, oldest first.</summary>
    public IReadOnlyList<DeliveredMessage> ReadDeliveries()
    {
        var folder = Path.Combine(MaildirPath, "new");
        return Directory.GetFiles(folder)
            .Where(f => !f.EndsWith(".envelope", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f =>
            {
                var envelope = JsonDocument.Parse(File.ReadAllText(Path.Combine(MaildirPath, "envelopes", Path.GetFileName(f) + ".json"))).RootElement;
                return new DeliveredMessage(
                    envelope.GetProperty("mail_from").GetString() ?? "",
                    envelope.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString() ?? "").ToList(),
                    File.ReadAllBytes(f));
            })
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }

    private async Task WaitUntilListeningAsync(CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode}: {Stderr()}");
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, Port, ct);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, ct);
            }
        }
        await DisposeAsync();
        throw new TimeoutException($"aiosmtpd did not listen on {Port} within 20 s: {Stderr()}");
    }

    private static async Task MakeCertificateAsync(string certificate, string key, CancellationToken ct)
    {
        var info = new ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                     "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", certificate })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start openssl");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"openssl could not make a test certificate: {await stderr}");
    }

    private string Stderr() { lock (_stderr) return _stderr.ToString(); }

    internal static int FreePort() => Monitor.Tests.Shared.LoopbackPort.Free();

    // Writes the DATA bytes untouched (tmp/ then rename into new/, the Maildir way) and the envelope beside them.
    private const string HandlerSource = """
        import json, os, time, uuid

        class RawMaildir:
            def __init__(self, path):
                self.path = path
                os.makedirs(os.path.join(path, 'envelopes'), exist_ok=True)

            @classmethod
            def from_cli(cls, parser, *args):
                if len(args) != 1:
                    parser.error('RawMaildir needs the Maildir folder')
                return cls(args[0])

            async def handle_DATA(self, server, session, envelope):
                name = '%020d.%s' % (time.time_ns(), uuid.uuid4().hex)
                with open(os.path.join(self.path, 'envelopes', name + '.json'), 'w') as f:
                    json.dump({'mail_from': envelope.mail_from, 'rcpt_tos': envelope.rcpt_tos}, f)
                tmp = os.path.join(self.path, 'tmp', name)
                with open(tmp, 'wb') as f:
                    f.write(envelope.original_content)
                os.rename(tmp, os.path.join(self.path, 'new', name))
                return '250 Message accepted for delivery'
        """;
}
