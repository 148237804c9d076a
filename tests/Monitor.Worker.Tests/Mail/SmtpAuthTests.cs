using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Worker.Mail;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Mail;

/// <summary>Risk guarded: a relay that needs credentials refusing every digest because we log in wrongly.</summary>
public sealed class SmtpAuthTests : IAsyncLifetime
{
    private ScriptedSmtpServer _server = null!;

    public Task InitializeAsync()
    {
        _server = ScriptedSmtpServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private SmtpTransport Transport(string password) => new(
        new SmtpSettings { Host = "127.0.0.1", Port = _server.Port, UserName = "monitor", Password = password, Timeout = TimeSpan.FromSeconds(10) },
        NullLogger<SmtpTransport>.Instance);

    private static MailEnvelope Envelope() => new("monitor@example.org", "a@example.org", "<id@example.org>", "Subject: t\r\n\r\nbody\r\n"u8.ToArray());

    [Theory]
    [InlineData("PLAIN LOGIN", "PLAIN:monitor")]
    [InlineData("LOGIN", "LOGIN:monitor")]
    public async Task Logs_in_with_the_mechanism_the_server_offers(string offered, string expectedLogin)
    {
        _server.RequireAuth("monitor", "s3cret pass:word", offered);
        await using var transport = Transport("s3cret pass:word");

        var outcome = await transport.SendAsync(Envelope(), default);

        Assert.IsType<SendOutcome.Sent>(outcome);
        Assert.Equal([expectedLogin], _server.Logins);
        Assert.Single(_server.Accepted);
    }

    [Fact]
    public async Task Refused_credentials_are_a_temporary_failure_and_nothing_is_sent()
    {
        _server.RequireAuth("monitor", "right");
        await using var transport = Transport("wrong");

        var outcome = Assert.IsType<SendOutcome.TemporaryFailure>(await transport.SendAsync(Envelope(), default));

        Assert.Equal(535, outcome.Code);
        Assert.Empty(_server.Accepted);
        Assert.DoesNotContain(_server.Commands, c => c.StartsWith("MAIL", StringComparison.Ordinal));
    }
}
