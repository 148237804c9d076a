using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Worker.Mail;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Mail;

/// <summary>
/// Risk guarded: a server fault read as the wrong kind of failure (a retryable 4xx dropped as permanent, a 5xx
/// retried forever), a stale connection failing a batch, or an address smuggling SMTP commands.
/// </summary>
public sealed class SmtpTransportFaultTests : IAsyncLifetime
{
    private ScriptedSmtpServer _server = null!;

    public Task InitializeAsync()
    {
        _server = ScriptedSmtpServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private SmtpTransport Transport(TimeSpan? timeout = null) =>
        new(new SmtpSettings { Host = "127.0.0.1", Port = _server.Port, Timeout = timeout ?? TimeSpan.FromSeconds(10) }, NullLogger<SmtpTransport>.Instance);

    private static MailEnvelope Envelope(string to) =>
        new("monitor@example.org", to, "<id@example.org>", "Subject: t\r\n\r\nbody\r\n"u8.ToArray());

    [Theory]
    [InlineData(450, typeof(SendOutcome.TemporaryFailure))]
    [InlineData(452, typeof(SendOutcome.TemporaryFailure))]
    [InlineData(550, typeof(SendOutcome.PermanentFailure))]
    [InlineData(553, typeof(SendOutcome.PermanentFailure))]
    public async Task Recipient_replies_are_classified_by_their_first_digit(int code, Type expected)
    {
        _server.ScriptAlways("x@example.org", ScriptStep.RejectRecipient(code, "scripted refusal"));
        await using var transport = Transport();

        var outcome = await transport.SendAsync(Envelope("x@example.org"), default);

        Assert.IsType(expected, outcome);
        Assert.Contains("scripted refusal", outcome.ToString());
        Assert.Contains(code.ToString(), outcome.ToString());
    }

    [Fact]
    public async Task A_refused_recipient_resets_the_session_and_the_next_message_goes_on_the_same_connection()
    {
        _server.ScriptAlways("bad@example.org", ScriptStep.RejectRecipient(550, "no such user"));
        await using var transport = Transport();

        var bad = await transport.SendAsync(Envelope("bad@example.org"), default);
        var good = await transport.SendAsync(Envelope("good@example.org"), default);

        Assert.Equal(new SendOutcome.PermanentFailure(550, "no such user"), bad);
        Assert.IsType<SendOutcome.Sent>(good);
        Assert.Contains("RSET", _server.Commands);
        Assert.Equal(1, _server.ConnectionCount);
        Assert.Equal(["good@example.org"], _server.Accepted.SelectMany(m => m.Recipients));
    }

    [Fact]
    public async Task A_5xx_after_data_is_permanent()
    {
        _server.Script("x@example.org", ScriptStep.RejectData(554, "content rejected"));
        await using var transport = Transport();

        Assert.Equal(new SendOutcome.PermanentFailure(554, "content rejected"), await transport.SendAsync(Envelope("x@example.org"), default));
    }

    [Fact]
    public async Task Connection_refused_is_a_temporary_failure_without_a_reply_code()
    {
        await _server.StopAsync();
        await using var transport = Transport();

        var outcome = Assert.IsType<SendOutcome.TemporaryFailure>(await transport.SendAsync(Envelope("x@example.org"), default));
        Assert.Equal(SendOutcome.NoReply, outcome.Code);
        Assert.Contains("ConnectionRefused", outcome.Message);
    }

    [Fact]
    public async Task A_server_slower_than_the_timeout_is_a_temporary_failure()
    {
        _server.ReplyDelay = TimeSpan.FromSeconds(3);
        await using var transport = Transport(TimeSpan.FromMilliseconds(300));

        var outcome = Assert.IsType<SendOutcome.TemporaryFailure>(await transport.SendAsync(Envelope("x@example.org"), default));
        Assert.Contains("did not answer", outcome.Message);
    }

    [Fact]
    public async Task A_connection_dropped_while_idle_is_reopened_once_and_the_message_goes()
    {
        await using var transport = Transport();
        Assert.IsType<SendOutcome.Sent>(await transport.SendAsync(Envelope("a@example.org"), default));

        _server.DropConnections();
        var outcome = await transport.SendAsync(Envelope("b@example.org"), default);

        Assert.IsType<SendOutcome.Sent>(outcome);
        Assert.Equal(2, transport.ConnectionsOpened);
        Assert.Equal(["a@example.org", "b@example.org"], _server.Accepted.SelectMany(m => m.Recipients));
    }

    [Fact]
    public async Task A_drop_during_data_is_temporary_and_the_next_message_uses_a_new_connection()
    {
        _server.Script("a@example.org", ScriptStep.DropDuringData);
        await using var transport = Transport();

        var dropped = await transport.SendAsync(Envelope("a@example.org"), default);
        var next = await transport.SendAsync(Envelope("b@example.org"), default);

        Assert.IsType<SendOutcome.TemporaryFailure>(dropped);
        Assert.IsType<SendOutcome.Sent>(next);
        Assert.Equal(2, transport.ConnectionsOpened);
        Assert.Equal(["b@example.org"], _server.Accepted.SelectMany(m => m.Recipients));
    }

    [Fact]
    public async Task A_421_closes_the_session_and_is_temporary()
    {
        _server.Script("a@example.org", ScriptStep.RejectRecipient(421, "shutting down"));
        await using var transport = Transport();

        var outcome = await transport.SendAsync(Envelope("a@example.org"), default);
        var retry = await transport.SendAsync(Envelope("a@example.org"), default);

        Assert.Equal(new SendOutcome.TemporaryFailure(421, "shutting down"), outcome);
        Assert.IsType<SendOutcome.Sent>(retry);
        Assert.Equal(2, transport.ConnectionsOpened);
    }

    [Fact]
    public async Task An_address_carrying_a_line_break_never_reaches_the_server()
    {
        await using var transport = Transport();

        var outcome = await transport.SendAsync(Envelope("a@example.org>\r\nRCPT TO:<victim@example.org"), default);

        Assert.IsType<SendOutcome.PermanentFailure>(outcome);
        Assert.DoesNotContain(_server.Commands, c => c.Contains("victim", StringComparison.Ordinal));
        Assert.Equal(0, _server.ConnectionCount);
    }

    [Theory]
    [InlineData("Subject: a\r\n\r\n.\r\n..b\r\nend", "Subject: a\r\n\r\n..\r\n...b\r\nend\r\n.\r\n")]
    [InlineData("bare\nlf\n.dot\n", "bare\r\nlf\r\n..dot\r\n.\r\n")]
    [InlineData("ends with crlf\r\n", "ends with crlf\r\n.\r\n")]
    [InlineData("", ".\r\n")]
    public void Data_is_dot_stuffed_and_terminated(string message, string expected)
    {
        var stuffed = SmtpConnection.DotStuff(System.Text.Encoding.ASCII.GetBytes(message));

        Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(stuffed));
    }
}
