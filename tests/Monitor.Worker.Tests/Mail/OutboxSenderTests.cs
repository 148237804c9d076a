using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Worker.Configuration;
using Monitor.Worker.Mail;
using Monitor.Worker.Storage;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Mail;

/// <summary>
/// Risk guarded: a digest lost or sent twice when the SMTP server misbehaves — 4xx, 5xx for one address, down,
/// dropping mid-DATA — or when the run is stopped. A scripted SMTP server on loopback, an in-memory outbox and a
/// hand-moved clock.
/// </summary>
public sealed class OutboxSenderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private readonly ManualClock _clock = new(Start);
    private readonly InMemoryOutboxStore _store = new();
    private ScriptedSmtpServer _server = null!;

    public Task InitializeAsync()
    {
        _server = ScriptedSmtpServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private OutboxSender Sender(int maxAttempts = 8, IMailTransportFactory? factory = null) => new(
        _store,
        factory ?? new SmtpFactory(_server.Port),
        new MailOptions { FromAddress = "monitor@example.org", MaxAttempts = maxAttempts, MessagesPerMinute = 600 },
        _clock,
        NullLogger<OutboxSender>.Instance,
        random: () => 0.5);

    private List<OutboxMessage> Enqueue(params string[] recipients) =>
        recipients.Select(r => _store.Add(TestMail.Outbox(r, $"{r}/2026-11-22", _clock.GetUtcNow()))).ToList();

    private int AcceptedFor(string recipient) => _server.Accepted.Count(m => m.Recipients.Contains(recipient));

    [Fact]
    public async Task A_4xx_then_success_delivers_exactly_once_after_the_backoff()
    {
        var message = Enqueue("a@example.org")[0];
        _server.Script("a@example.org", ScriptStep.RejectRecipient(451, "try later"));
        var sender = Sender();

        var first = await sender.SendDueAsync(default);
        var deferred = _store.Get(message.Id);
        var early = await sender.SendDueAsync(default);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var second = await sender.SendDueAsync(default);

        Assert.Equal(new OutboxRunSummary(0, 1, 0), first);
        Assert.Equal(OutboxState.Pending, deferred.State);
        Assert.Equal(Start + TimeSpan.FromSeconds(45), deferred.NextAttemptAt);
        Assert.Contains("451 try later", deferred.LastError);
        Assert.Equal(OutboxRunSummary.Empty, early);
        Assert.Equal(new OutboxRunSummary(1, 0, 0), second);
        Assert.Equal(OutboxState.Sent, _store.Get(message.Id).State);
        Assert.Equal(1, AcceptedFor("a@example.org"));
    }

    [Fact]
    public async Task A_5xx_for_one_address_fails_that_message_with_the_reason_and_the_others_are_sent()
    {
        var messages = Enqueue("a@example.org", "bad@example.org", "c@example.org");
        _server.ScriptAlways("bad@example.org", ScriptStep.RejectRecipient(550, "5.1.1 no such user"));

        var summary = await Sender().SendDueAsync(default);

        Assert.Equal(new OutboxRunSummary(2, 0, 1), summary);
        var failed = _store.Get(messages[1].Id);
        Assert.Equal(OutboxState.Failed, failed.State);
        Assert.Equal("550 5.1.1 no such user", failed.LastError);
        Assert.Equal(OutboxState.Sent, _store.Get(messages[0].Id).State);
        Assert.Equal(OutboxState.Sent, _store.Get(messages[2].Id).State);
        Assert.Equal(1, AcceptedFor("a@example.org"));
        Assert.Equal(1, AcceptedFor("c@example.org"));
        Assert.Equal(1, _server.ConnectionCount);
    }

    [Fact]
    public async Task With_the_server_down_everything_waits_and_is_delivered_once_it_is_back()
    {
        var messages = Enqueue("a@example.org", "b@example.org", "c@example.org");
        await _server.StopAsync();
        var sender = Sender();

        var down = await sender.SendDueAsync(default);
        Assert.All(messages, m => Assert.Contains("ConnectionRefused", _store.Get(m.Id).LastError));
        _server.Resume();
        _clock.Advance(TimeSpan.FromMinutes(2));
        var up = await sender.SendDueAsync(default);

        Assert.Equal(new OutboxRunSummary(0, 3, 0), down);
        Assert.Equal(new OutboxRunSummary(3, 0, 0), up);
        Assert.All(messages, m => Assert.Equal(1, AcceptedFor(m.Recipient)));
        Assert.All(messages, m => Assert.Equal(2, _store.Get(m.Id).Attempts));
    }

    [Fact]
    public async Task A_connection_dropped_mid_data_is_retried_and_delivered_once()
    {
        var messages = Enqueue("a@example.org", "b@example.org", "c@example.org");
        _server.Script("b@example.org", ScriptStep.DropDuringData);
        var sender = Sender();

        var first = await sender.SendDueAsync(default);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var second = await sender.SendDueAsync(default);

        Assert.Equal(new OutboxRunSummary(2, 1, 0), first);
        Assert.Equal(new OutboxRunSummary(1, 0, 0), second);
        Assert.All(messages, m => Assert.Equal(1, AcceptedFor(m.Recipient)));
        Assert.All(messages, m => Assert.Equal(OutboxState.Sent, _store.Get(m.Id).State));
    }

    [Fact]
    public async Task Temporary_failures_become_a_failure_when_attempts_run_out()
    {
        var message = Enqueue("a@example.org")[0];
        _server.ScriptAlways("a@example.org", ScriptStep.RejectRecipient(450, "mailbox busy"));
        var sender = Sender(maxAttempts: 2);

        var first = await sender.SendDueAsync(default);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var second = await sender.SendDueAsync(default);

        Assert.Equal(new OutboxRunSummary(0, 1, 0), first);
        Assert.Equal(new OutboxRunSummary(0, 0, 1), second);
        var failed = _store.Get(message.Id);
        Assert.Equal(OutboxState.Failed, failed.State);
        Assert.Equal("gave up after 2 attempts; last: 450 mailbox busy", failed.LastError);
    }

    [Fact]
    public async Task Cancelling_stops_between_messages_and_leaves_the_rest_untouched()
    {
        var messages = Enqueue("a@example.org", "b@example.org", "c@example.org");
        using var stop = new CancellationTokenSource();
        var factory = new CancellingFactory(new SmtpFactory(_server.Port), stop);

        var summary = await Sender(factory: factory).SendDueAsync(stop.Token);

        Assert.Equal(new OutboxRunSummary(1, 0, 0), summary);
        Assert.Equal(OutboxState.Sent, _store.Get(messages[0].Id).State);
        Assert.All(messages.Skip(1), m => Assert.Equal((OutboxState.Pending, 0), (_store.Get(m.Id).State, _store.Get(m.Id).Attempts)));
        Assert.Equal(["claim 1", "sent 1"], _store.Log);
    }

    [Fact]
    public async Task A_message_claimed_by_another_worker_is_skipped()
    {
        var messages = Enqueue("a@example.org", "b@example.org");
        await _store.TryClaimAsync(messages[0].Id, Start, Start.AddMinutes(10), default);

        var summary = await Sender().SendDueAsync(default);

        Assert.Equal(new OutboxRunSummary(1, 0, 0), summary);
        Assert.Equal(0, AcceptedFor("a@example.org"));
        Assert.Equal(1, AcceptedFor("b@example.org"));
    }

    [Fact]
    public async Task Pickup_transport_through_the_sender_writes_one_file_per_message()
    {
        var folder = Directory.CreateTempSubdirectory("monitor-pickup-").FullName;
        try
        {
            Enqueue("a@example.org", "b@example.org");
            var factory = new MailTransportFactory(new MailOptions { Transport = "pickup" }, folder, NullLoggerFactory.Instance);

            var summary = await Sender(factory: factory).SendDueAsync(default);

            Assert.Equal(new OutboxRunSummary(2, 0, 0), summary);
            Assert.Equal(2, Directory.GetFiles(folder, "*.eml").Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class SmtpFactory(int port) : IMailTransportFactory
    {
        public IMailTransport Create() => new SmtpTransport(
            new SmtpSettings { Host = "127.0.0.1", Port = port, Timeout = TimeSpan.FromSeconds(10) }, NullLogger<SmtpTransport>.Instance);
    }

    /// <summary>Cancels the run as soon as the first message has been handed to the server.</summary>
    private sealed class CancellingFactory(IMailTransportFactory inner, CancellationTokenSource stop) : IMailTransportFactory
    {
        public IMailTransport Create() => new Cancelling(inner.Create(), stop);

        private sealed class Cancelling(IMailTransport inner, CancellationTokenSource stop) : IMailTransport
        {
            public async Task<SendOutcome> SendAsync(MailEnvelope mail, CancellationToken ct)
            {
                var outcome = await inner.SendAsync(mail, ct);
                await stop.CancelAsync();
                return outcome;
            }

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
