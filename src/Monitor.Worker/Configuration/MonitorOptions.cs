using Monitor.Core.Dedup;
using Monitor.Core.Tagging;

namespace Monitor.Worker.Configuration;

/// <summary>The whole "Monitor" section of appsettings.json. Each part is documented on its own class.</summary>
public sealed class MonitorOptions
{
    public const string SectionName = "Monitor";

    /// <summary>Folder for the SQLite file, the pickup folder and other local state; relative to the config file.</summary>
    public string DataFolder { get; set; } = "data";
    public StorageOptions Storage { get; set; } = new();
    public MailOptions Mail { get; set; } = new();
    public FetchOptions Fetch { get; set; } = new();
    public List<SourceOptions> Sources { get; set; } = [];
    public List<SubscriberOptions> Subscribers { get; set; } = [];
    /// <summary>Topics and watch lists (reloaded on change without a restart).</summary>
    public TaggingOptions Tagging { get; set; } = new();
    /// <summary>Near-duplicate detection thresholds.</summary>
    public DedupOptions Dedup { get; set; } = new();
    public WebOptions Web { get; set; } = new();
    /// <summary>Metrics export with OpenTelemetry (OTLP).</summary>
    public TelemetryOptions Telemetry { get; set; } = new();
    /// <summary>Quartz clustering when several workers share PostgreSQL.</summary>
    public ClusterOptions Cluster { get; set; } = new();
    /// <summary>Giving memory back when the service goes idle.</summary>
    public MemoryOptions Memory { get; set; } = new();
}
