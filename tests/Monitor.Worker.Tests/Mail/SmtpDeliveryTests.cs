using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Worker.Mail;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Mail;

/// <summary>
/// Risk guarded: digests that a real SMTP server receives differently from what we wrote (dot-stuffing, line
/// endings), or that a real MIME parser decodes wrongly. Runs against Debian's aiosmtpd on loopback.
/// </summary>
public sealed class SmtpDeliveryTests : IAsyncLifetime
{
    private SmtpServer _server = null!;

    public async Task InitializeAsync() => _server = await SmtpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private SmtpTransport Transport() =>
        new(new SmtpSettings { Host = "127.0.0.1", Port = _server.Port, Timeout = TimeSpan.FromSeconds(10) }, NullLogger<SmtpTransport>.Instance);

    [Fact]
    public async Task A_batch_goes_over_one_connection_and_every_message_decodes_exactly()
    {
        var people = new (string Address, string Name, string Subject)[]
        {
            ("a@example.org", "أحمد الحسن", "ملخص الأخبار: ٣ بيانات جديدة"),
            ("b@example.org", "Doe, John \"JD\"", "الائتلاف الوطني السوري يدين القصف على إدلب ويطالب المجتمع الدولي بتحمل مسؤولياته"),
            ("c@example.org", "سارة، \"أم علي\"", "Digest — 2 statements: \"الهيئة\" و «الائتلاف», 2254"),
            ("d@example.org", "", "Subject with a line\r\nBcc: injected@example.com"),
        };
        var mails = people.Select((p, i) => TestMail.Digest(subject: p.Subject, toAddress: p.Address, toName: p.Name, key: $"s{i}/w1")).ToList();

        await using (var transport = Transport())
        {
            foreach (var mail in mails)
            {
                var outcome = await transport.SendAsync(new MailEnvelope("monitor@example.org", mail.To.Address, mail.MessageId, MimeWriter.Write(mail)), default);
                Assert.IsType<SendOutcome.Sent>(outcome);
            }
            Assert.Equal(1, transport.ConnectionsOpened);
        }

        var deliveries = _server.ReadDeliveries();
        Assert.Equal(people.Select(p => p.Address), deliveries.Select(d => Assert.Single(d.Recipients)));
        Assert.All(deliveries, d => Assert.Equal("monitor@example.org", d.MailFrom));
        var parsed = await MimeInspector.InspectManyAsync(deliveries.Select(d => d.Bytes).ToList());
        for (var i = 0; i < people.Length; i++)
        {
            var message = parsed[i];
            Assert.Equal(HeaderEncoder.Sanitize(people[i].Subject), message.Subject);
            Assert.Equal(people[i].Name, message.To[0].DisplayName);
            Assert.Equal(people[i].Address, message.To[0].Address);
            Assert.Equal("مرصد الأخبار", message.From[0].DisplayName);
            Assert.Equal(mails[i].MessageId, message.MessageId);
            Assert.Equal(["text/plain", "text/html"], message.Leaves.Select(p => p.ContentType));
            Assert.Equal("List-Unsubscribe=One-Click", message.ListUnsubscribePost);
            Assert.Contains("<mailto:", message.ListUnsubscribe);
            Assert.Contains("<https://", message.ListUnsubscribe);
            Assert.DoesNotContain("Bcc", message.HeaderNames);
            Assert.Empty(message.Defects);
            // What the server stored is byte for byte what we wrote.
            Assert.Equal(MimeWriter.Write(mails[i]), deliveries[i].Bytes);
        }
        Assert.Equal(people.Length, parsed.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Lines_starting_with_dots_arrive_intact()
    {
        var raw = Encoding.ASCII.GetBytes("Subject: dots\r\nMessage-ID: <dots@example.org>\r\n\r\n.\r\n..two\r\n.three.\r\nend");
        await using var transport = Transport();

        var outcome = await transport.SendAsync(new MailEnvelope("monitor@example.org", "a@example.org", "<dots@example.org>", raw), default);

        Assert.IsType<SendOutcome.Sent>(outcome);
        var received = Assert.Single(_server.ReadMessages());
        Assert.Equal("Subject: dots\r\nMessage-ID: <dots@example.org>\r\n\r\n.\r\n..two\r\n.three.\r\nend\r\n", Encoding.ASCII.GetString(received));
    }
}
