using Microsoft.Data.Sqlite;
using Monitor.Worker.Tests.Support;
using Xunit.Abstractions;

namespace Monitor.Worker.Tests.Faults;

/// <summary>
/// The risk: a mail server that is down, says "try later", refuses one address, hangs up in the middle of DATA or
/// answers slowly makes the service lose a digest, send it twice, or let one bad address block the rest. Real
/// <c>monitor once</c> cycles against a fault-injecting SMTP server; between cycles the retry backoff is skipped by
/// moving the messages' next attempt to now (as the clock would after the backoff).
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "Fault")]
public sealed class MailFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Refused_connections_4xx_5xx_dropped_data_and_a_slow_server_end_with_every_digest_delivered_once()
    {
        FaultLedger.Tried(5);
        await using var feeds = await FeedServer.StartAsync();
        await using var smtp = ScriptedSmtpServer.Start();
        using var config = new TestConfig();
        var entries = FaultFeeds.Many(feeds.Url("/"), "mail", 3, DateTimeOffset.UtcNow);
        feeds.Content("/mail.xml", FaultFeeds.Rss("mail", entries));
        config.AddSource("mail", "mail", feeds.Url("/mail.xml"));
        string[] deliverable = ["later@example.org", "dropped@example.org", "fine@example.org"];
        foreach (var r in deliverable.Append("refused@example.org")) config.AddSubscriber(r, "قارئ", "immediate");
        config.UseSmtp(smtp.Port);
        config.Monitor["Mail"]!["Timeout"] = "00:00:10";
        config.Write();
        smtp.Script("later@example.org", ScriptStep.RejectRecipient(451, "4.3.0 mailbox busy, try later"));
        smtp.Script("dropped@example.org", ScriptStep.DropDuringData);
        smtp.ScriptAlways("refused@example.org", ScriptStep.RejectRecipient(550, "5.1.1 no such user"));

        // 1: the server is down.
        await smtp.StopAsync();
        var down = await FaultWorld.OnceAsync(config);
        output.WriteLine(down.StdOut);
        Assert.Equal(1, down.ExitCode);
        Assert.Contains("mail: 0 sent, 4 to retry", down.StdOut);

        // 2: up again, but slow; one address busy, one dropped in DATA, one refused for good.
        smtp.Resume();
        smtp.ReplyDelay = TimeSpan.FromMilliseconds(300);
        MakeRetriesDue(config);
        var flaky = await FaultWorld.OnceAsync(config);
        output.WriteLine(flaky.StdOut);
        Assert.Contains("mail: 1 sent, 2 to retry, 1 failed", flaky.StdOut);

        // 3 and 4: recovered; then nothing is left to send.
        MakeRetriesDue(config);
        var recovered = await FaultWorld.OnceAsync(config);
        MakeRetriesDue(config);
        var idle = await FaultWorld.OnceAsync(config);
        output.WriteLine(recovered.StdOut + idle.StdOut);

        var received = smtp.Accepted.Select(m => (m.Recipients.Single(), m.Bytes)).ToList();
        var digests = await FaultWorld.ReadDigestsAsync(received, feeds.Url("/"));
        var count = FaultWorld.CountDeliveries(digests, deliverable, entries.Select(e => e.Link).ToList());
        FaultLedger.Observed(lost: count.Missing, duplicates: count.Duplicates, resendsInWindow: count.ResendsSameMessageId);
        var failed = FaultWorld.Strings(config, "SELECT recipient || ' ' || last_error FROM outbox WHERE state = 'Failed'");

        Assert.True(recovered.ExitCode == 0, recovered.ToString());
        Assert.Contains("mail: 2 sent, 0 to retry, 0 failed", recovered.StdOut);
        Assert.Contains("mail: 0 sent, 0 to retry, 0 failed", idle.StdOut);
        Assert.Equal(3, received.Count);
        Assert.True(count.Missing == 0 && count.Duplicates == 0 && count.ResendsSameMessageId == 0, count.ToString());
        var refusal = Assert.Single(failed);
        Assert.StartsWith("refused@example.org 550", refusal);
        Assert.DoesNotContain(received, m => m.Item1 == "refused@example.org");
        FaultLedger.Survived(5);
    }

    private static void MakeRetriesDue(TestConfig config)
    {
        using var connection = FaultWorld.OpenDatabase(config, SqliteOpenMode.ReadWrite);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE outbox SET next_attempt_at = 0 WHERE state = 'Pending'";
        command.ExecuteNonQuery();
    }
}
