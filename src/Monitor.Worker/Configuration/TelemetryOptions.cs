namespace Monitor.Worker.Configuration;

/// <summary>Metrics export (section Monitor:Telemetry). The "Monitor" meter is always recorded; export is opt-in.</summary>
public sealed class TelemetryOptions
{
    /// <summary>OTLP endpoint (e.g. http://collector:4317). Empty: the standard OTEL_EXPORTER_OTLP_ENDPOINT decides.</summary>
    public string? OtlpEndpoint { get; set; }
    /// <summary>"grpc" (default) or "http/protobuf".</summary>
    public string Protocol { get; set; } = "grpc";
}
