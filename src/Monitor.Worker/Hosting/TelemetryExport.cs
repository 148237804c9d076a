using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using Monitor.Worker.Configuration;

namespace Monitor.Worker.Hosting;

/// <summary>
/// Exports the "Monitor" meter over OTLP when an endpoint is configured (Monitor:Telemetry:OtlpEndpoint, else the
/// standard OTEL_EXPORTER_OTLP_ENDPOINT). OpenTelemetry.Extensions.Hosting is not available here, so the provider is
/// built by hand and disposed (flushing the last export) when the host stops.
/// </summary>
public static class TelemetryExport
{
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The provider, or null when no endpoint is configured (nothing is exported, nothing runs).</summary>
    public static MeterProvider? Start(TelemetryOptions options, ILogger logger, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var configured = options.OtlpEndpoint;
        if (string.IsNullOrWhiteSpace(configured) && string.IsNullOrWhiteSpace(environment(StandardEndpointVariable))) return null;
        if (!string.IsNullOrWhiteSpace(configured) && !Uri.TryCreate(configured, UriKind.Absolute, out _))
        {
            logger.LogError("Monitor:Telemetry:OtlpEndpoint \"{Endpoint}\" is not an absolute URL: metrics are not exported", configured);
            return null;
        }
        return Build(options, configured);
    }

    /// <summary>
    /// Kept out of <see cref="Start"/> and never inlined: a precompiled method resolves the types it uses when it is
    /// first entered, so without an endpoint the OpenTelemetry assemblies are never loaded (a few MiB resident).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static MeterProvider Build(TelemetryOptions options, string? configured)
    {
        return Sdk.CreateMeterProviderBuilder()
            .AddMeter(Fetching.FetchMetrics.MeterName)
            .AddOtlpExporter(o =>
            {
                // Without our own setting the exporter reads the OTEL_* variables itself.
                if (string.IsNullOrWhiteSpace(configured)) return;
                o.Endpoint = new Uri(configured);
                o.Protocol = string.Equals(options.Protocol, "http/protobuf", StringComparison.OrdinalIgnoreCase)
                    ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            })
            .Build();
    }
}
