namespace Monitor.Worker.Configuration;

public sealed class StorageOptions
{
    /// <summary>"sqlite" (default) or "postgres".</summary>
    public string Provider { get; set; } = "sqlite";
    /// <summary>For SQLite: a file path (relative to DataFolder) — default "monitor.db". For PostgreSQL: a connection string
    /// (put the password in the environment: Monitor__Storage__ConnectionString).</summary>
    public string? ConnectionString { get; set; }
}
