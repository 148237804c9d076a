namespace Monitor.Benchmarks.Support;

/// <summary>How the benchmarks run the shared private cluster: a larger buffer cache and patient timeouts for bulk loads.</summary>
public static class BenchPostgres
{
    public const string ServerSettings = "-c shared_buffers=256MB";
    public const string ClientSettings = "Timeout=15;Command Timeout=300";
}
