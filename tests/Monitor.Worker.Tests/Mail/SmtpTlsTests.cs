using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Worker.Mail;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Mail;

/// <summary>
/// Risk guarded: mail (and credentials) sent in clear when TLS is configured, implicit TLS (port 465) missing as in
/// System.Net.Mail, or an unverified certificate being trusted. Real aiosmtpd with a self-signed certificate.
/// </summary>
public sealed class SmtpTlsTests
{
    private static SmtpSettings Settings(SmtpServer server, SmtpSecurity security, bool pin) => new()
    {
        Host = "127.0.0.1",
        Port = server.Port,
        Security = security,
        Timeout = TimeSpan.FromSeconds(10),
        CertificateValidation = pin
            ? (_, certificate, _, _) => certificate is not null
                && certificate.GetCertHashString() == X509Certificate2.CreateFromPem(File.ReadAllText(server.CertificatePath!)).GetCertHashString()
            : null,
    };

    private static MailEnvelope Envelope(OutgoingMail mail) =>
        new("monitor@example.org", mail.To.Address, mail.MessageId, MimeWriter.Write(mail));

    [Theory]
    [InlineData(SmtpServerTls.StartTls, SmtpSecurity.StartTls)]
    [InlineData(SmtpServerTls.Implicit, SmtpSecurity.Tls)]
    public async Task Delivers_over_tls_to_a_pinned_certificate(SmtpServerTls serverTls, SmtpSecurity security)
    {
        await using var server = await SmtpServer.StartAsync(serverTls);
        var mail = TestMail.Digest(subject: "ملخص عبر اتصال مشفر");
        await using var transport = new SmtpTransport(Settings(server, security, pin: true), NullLogger<SmtpTransport>.Instance);

        var outcome = await transport.SendAsync(Envelope(mail), default);

        Assert.IsType<SendOutcome.Sent>(outcome);
        var parsed = await MimeInspector.InspectAsync(Assert.Single(server.ReadMessages()));
        Assert.Equal("ملخص عبر اتصال مشفر", parsed.Subject);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_refused_and_nothing_is_sent()
    {
        await using var server = await SmtpServer.StartAsync(SmtpServerTls.StartTls);
        await using var transport = new SmtpTransport(Settings(server, SmtpSecurity.StartTls, pin: false), NullLogger<SmtpTransport>.Instance);

        var outcome = await transport.SendAsync(Envelope(TestMail.Digest()), default);

        Assert.Contains("TLS", Assert.IsType<SendOutcome.TemporaryFailure>(outcome).Message);
        Assert.Empty(server.ReadMessages());
    }

    [Fact]
    public async Task Starttls_required_but_not_offered_is_refused_before_any_mail_command()
    {
        await using var server = await SmtpServer.StartAsync();
        await using var transport = new SmtpTransport(Settings(server, SmtpSecurity.StartTls, pin: false), NullLogger<SmtpTransport>.Instance);

        var outcome = await transport.SendAsync(Envelope(TestMail.Digest()), default);

        Assert.Contains("does not offer STARTTLS", Assert.IsType<SendOutcome.TemporaryFailure>(outcome).Message);
        Assert.Empty(server.ReadMessages());
    }
}
