namespace Monitor.Worker.Configuration;

/// <summary>The embedded web server: unsubscribe endpoint, health, admin pages.</summary>
public sealed class WebOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>Loopback by default: put a TLS-terminating proxy in front to publish the unsubscribe endpoint.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";
}
