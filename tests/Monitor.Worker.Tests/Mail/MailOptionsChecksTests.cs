using Monitor.Worker.Configuration;
using Monitor.Worker.Mail;

namespace Monitor.Worker.Tests.Mail;

/// <summary>Risk guarded: a mail setting that only fails when the first digest is due, hours after start.</summary>
public sealed class MailOptionsChecksTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(MailOptionsChecks.Validate(new MailOptions()));
    }

    [Fact]
    public void Every_bad_value_is_reported_with_its_path()
    {
        var errors = MailOptionsChecks.Validate(new MailOptions
        {
            Transport = "fax",
            Security = "sometimes",
            FromAddress = "not an address",
            Port = 0,
            MaxAttempts = 0,
            MessagesPerMinute = 0,
            PublicBaseUrl = "monitor.example.org",
            ListId = "has spaces",
            UnsubscribeSecret = "short",
        });

        Assert.Equal(
            ["Transport", "Security", "FromAddress", "Port", "MaxAttempts", "MessagesPerMinute", "PublicBaseUrl", "ListId", "UnsubscribeSecret"],
            errors.Select(e => e.Split(':')[2]));
        Assert.All(errors, e => Assert.StartsWith("Monitor:Mail:", e));
    }
}
