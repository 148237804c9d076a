namespace Monitor.Worker.Configuration;

public sealed class FetchOptions
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;
    public int MaxRedirects { get; set; } = 5;
    public int MaxConcurrency { get; set; } = 16;
    public int PerHostConcurrency { get; set; } = 2;
    public string UserAgent { get; set; } = "Monitor/1.0 (+https://github.com/; news monitoring)";
    /// <summary>After this many consecutive failures a source is reported unhealthy.</summary>
    public int UnhealthyAfterFailures { get; set; } = 5;
    /// <summary>Refuse private, loopback and link-local addresses (SSRF guard).</summary>
    public bool BlockPrivateAddresses { get; set; }
}
