using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;
using Monitor.Worker.Mail;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Tests.Mail;

/// <summary>Risk guarded: the host failing at start (or mailing through the wrong transport) because of wiring.</summary>
public sealed class MailRegistrationTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("monitor-data-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private ServiceProvider Provider(MailOptions mail)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Options.Create(new MonitorOptions { DataFolder = _data, Mail = mail }));
        services.AddSingleton(new MonitorPaths(Path.Combine(_data, "appsettings.json"), _data));
        services.AddSingleton<IOutboxStore>(new InMemoryOutboxStore());
        services.AddMonitorMail();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Pickup_mode_resolves_everything_and_creates_the_unsubscribe_key_in_the_data_folder()
    {
        await using var provider = Provider(new MailOptions { Transport = "pickup" });

        Assert.NotNull(provider.GetRequiredService<OutboxSender>());
        Assert.NotNull(provider.GetRequiredService<UnsubscribeTokens>());
        await using var transport = provider.GetRequiredService<IMailTransportFactory>().Create();
        var pickup = Assert.IsType<PickupFolderTransport>(transport);
        Assert.Equal(Path.Combine(_data, "mail-out"), pickup.Folder);
        Assert.True(File.Exists(Path.Combine(_data, UnsubscribeTokens.SecretFileName)));
    }

    [Fact]
    public async Task Smtp_mode_gives_an_smtp_transport_and_a_configured_secret_is_used_as_is()
    {
        await using var provider = Provider(new MailOptions { Transport = "smtp", Security = "starttls", UnsubscribeSecret = "configured-secret-0123456789" });

        await using var transport = provider.GetRequiredService<IMailTransportFactory>().Create();
        Assert.IsType<SmtpTransport>(transport);
        var token = new UnsubscribeTokens("configured-secret-0123456789").Create(1, "a@example.org");
        Assert.True(provider.GetRequiredService<UnsubscribeTokens>().TryVerify(token, out _, out _));
        Assert.False(File.Exists(Path.Combine(_data, UnsubscribeTokens.SecretFileName)));
    }

    [Fact]
    public void An_unknown_transport_or_security_is_a_clear_configuration_error()
    {
        using var badTransport = Provider(new MailOptions { Transport = "carrier-pigeon" });
        using var badSecurity = Provider(new MailOptions { Transport = "smtp", Security = "maybe" });

        Assert.Contains("carrier-pigeon", Assert.Throws<ArgumentException>(() => badTransport.GetRequiredService<IMailTransportFactory>()).Message);
        Assert.Contains("Security 'maybe'", Assert.Throws<ArgumentException>(() => badSecurity.GetRequiredService<IMailTransportFactory>()).Message);
    }
}
