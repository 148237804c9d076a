using System.Net;
using System.Net.Security;
using Monitor.Worker.Configuration;

namespace Monitor.Worker.Mail;

public enum SmtpSecurity { None, StartTls, Tls }

/// <summary>What the SMTP client needs, parsed once from <see cref="MailOptions"/>.</summary>
public sealed record SmtpSettings
{
    public required string Host { get; init; }
    public int Port { get; init; } = 25;
    public SmtpSecurity Security { get; init; } = SmtpSecurity.None;
    public string? UserName { get; init; }
    public string? Password { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>The name said in EHLO: a fully qualified host name, else the address literal of loopback.</summary>
    public string LocalName { get; init; } = DefaultLocalName();
    /// <summary>Null: the system's certificate validation. Tests pin a self-signed certificate here.</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    public static SmtpSettings From(MailOptions options) => new()
    {
        Host = options.Host,
        Port = options.Port,
        Security = ParseSecurity(options.Security),
        UserName = string.IsNullOrEmpty(options.UserName) ? null : options.UserName,
        Password = options.Password,
        Timeout = options.Timeout > TimeSpan.Zero ? options.Timeout : TimeSpan.FromSeconds(60),
    };

    /// <summary>"none", "starttls" or "tls" (case-insensitive); anything else is a configuration error.</summary>
    public static SmtpSecurity ParseSecurity(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "none" => SmtpSecurity.None,
        "starttls" => SmtpSecurity.StartTls,
        "tls" or "ssl" => SmtpSecurity.Tls,
        _ => throw new ArgumentException($"Monitor:Mail:Security '{value}' is not one of none, starttls, tls"),
    };

    private static string DefaultLocalName()
    {
        try
        {
            var name = Dns.GetHostName();
            if (name.Contains('.') && MailAddress.IsHostName(name)) return name;
        }
        catch (System.Net.Sockets.SocketException) { }
        return "[127.0.0.1]";
    }
}
