namespace Monitor.Worker.Configuration;

/// <summary>The embedded web server: unsubscribe endpoint, health, admin pages.</summary>
public sealed class WebOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>Loopback by default: put a TLS-terminating proxy in front to publish the unsubscribe endpoint.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";
    /// <summary>
    /// PBKDF2 hash of the operators' password ("pbkdf2-sha256$ITERATIONS$SALT_B64$HASH_B64"). Never in the file: set
    /// Monitor__Web__AdminPasswordHash in the environment. With neither this nor <see cref="AdminToken"/> the admin
    /// pages are disabled.
    /// </summary>
    public string? AdminPasswordHash { get; set; }
    /// <summary>A long random token accepted on the login page instead of a password (Monitor__Web__AdminToken).</summary>
    public string? AdminToken { get; set; }
    /// <summary>
    /// Lets the admin pages' test-fetch and new sources reach private and loopback addresses. Off: sources added or
    /// tested through the web go through the SSRF guard. Only for tests and closed networks.
    /// </summary>
    public bool AllowPrivateSourceAddresses { get; set; }
}
