namespace Monitor.Worker.Configuration;

public sealed class MailOptions
{
    /// <summary>"pickup" (default: .eml files in PickupFolder) or "smtp".</summary>
    public string Transport { get; set; } = "pickup";
    /// <summary>Relative to DataFolder unless absolute.</summary>
    public string PickupFolder { get; set; } = "mail-out";
    public string FromAddress { get; set; } = "monitor@localhost";
    public string FromName { get; set; } = "مرصد الأخبار";
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    /// <summary>"none", "starttls" (upgrade after EHLO; required if offered) or "tls" (implicit TLS, port 465).</summary>
    public string Security { get; set; } = "none";
    public string? UserName { get; set; }
    /// <summary>Never in the file: set Monitor__Mail__Password in the environment.</summary>
    public string? Password { get; set; }
    public int MessagesPerMinute { get; set; } = 120;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
    public int MaxAttempts { get; set; } = 8;
    /// <summary>Public base URL of the web endpoint, for unsubscribe links (https://monitor.example.org).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";
    /// <summary>HMAC key for unsubscribe tokens: Monitor__Mail__UnsubscribeSecret in the environment.</summary>
    public string? UnsubscribeSecret { get; set; }
    /// <summary>The most stories one digest lists (the most important first); the rest of its window are counted in a
    /// line under them and count as delivered, so they do not pile up into the next digest. Keeps a busy day, or a new
    /// subscriber's first digest over a full history, a message people read and mail servers accept.</summary>
    public int MaxStoriesPerDigest { get; set; } = 100;
    /// <summary>List-Id value, e.g. "digest.monitor.example.org".</summary>
    public string ListId { get; set; } = "digest.monitor.localhost";
}
