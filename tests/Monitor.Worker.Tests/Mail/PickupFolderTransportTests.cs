using Monitor.Worker.Mail;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Mail;

/// <summary>
/// Risk guarded: a pickup reader seeing half a message, envelope recipients leaking into the file
/// (System.Net.Mail writes X-Sender/X-Receiver), or a resend leaving a second copy.
/// </summary>
public sealed class PickupFolderTransportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("monitor-pickup-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Writes_exactly_the_message_and_it_parses_without_envelope_headers()
    {
        var mail = TestMail.Digest(subject: "ملخص: بيان الائتلاف الوطني", toName: "قارئ، \"مخلص\"");
        var bytes = MimeWriter.Write(mail);
        var transport = new PickupFolderTransport(_folder);

        var outcome = await transport.SendAsync(new MailEnvelope("monitor@example.org", "reader@example.org", mail.MessageId, bytes), default);

        Assert.IsType<SendOutcome.Sent>(outcome);
        var file = Assert.Single(Directory.GetFiles(_folder));
        Assert.EndsWith(".eml", file);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file));
        var parsed = await MimeInspector.InspectAsync(await File.ReadAllBytesAsync(file));
        Assert.Equal("ملخص: بيان الائتلاف الوطني", parsed.Subject);
        Assert.Equal("قارئ، \"مخلص\"", parsed.To[0].DisplayName);
        Assert.DoesNotContain("X-Sender", parsed.HeaderNames);
        Assert.DoesNotContain("X-Receiver", parsed.HeaderNames);
        Assert.Empty(parsed.Defects);
    }

    [Fact]
    public async Task A_resend_of_the_same_message_overwrites_and_another_message_gets_its_own_file()
    {
        var transport = new PickupFolderTransport(_folder);
        var first = TestMail.Digest(key: "s1/w1");
        var other = TestMail.Digest(key: "s1/w2");

        await transport.SendAsync(new MailEnvelope("monitor@example.org", "reader@example.org", first.MessageId, MimeWriter.Write(first)), default);
        await transport.SendAsync(new MailEnvelope("monitor@example.org", "reader@example.org", first.MessageId, MimeWriter.Write(first)), default);
        await transport.SendAsync(new MailEnvelope("monitor@example.org", "reader@example.org", other.MessageId, MimeWriter.Write(other)), default);

        Assert.Equal(2, Directory.GetFiles(_folder).Length);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public async Task An_unwritable_folder_is_a_temporary_failure_and_leaves_no_partial_file()
    {
        var blocker = Path.Combine(_folder, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the pickup folder should be");
        var transport = new PickupFolderTransport(blocker);

        var outcome = await transport.SendAsync(new MailEnvelope("monitor@example.org", "reader@example.org", "<x@example.org>", [1, 2, 3]), default);

        Assert.IsType<SendOutcome.TemporaryFailure>(outcome);
        Assert.Equal([blocker], Directory.GetFiles(_folder));
    }
}
