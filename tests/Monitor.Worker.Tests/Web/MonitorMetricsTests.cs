using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Worker.Configuration;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Tests.Web;

/// <summary>
/// Risk guarded: pipeline counters that exist on paper but are not on the "Monitor" meter a collector listens to, and
/// an exporter started (or crashing the host) when no endpoint is configured or the endpoint is malformed.
/// </summary>
public sealed class MonitorMetricsTests
{
    [Fact]
    public void Pipeline_counters_are_published_on_the_monitor_meter()
    {
        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == "Monitor") l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (seen) seen[instrument.Name] = seen.GetValueOrDefault(instrument.Name) + value;
        });
        listener.Start();

        MonitorMetrics.ItemsStored.Add(2);
        MonitorMetrics.RecordTags([new Monitor.Worker.Storage.TagRecord("topic", "ceasefire", null, ["هدنة"], 1), new Monitor.Worker.Storage.TagRecord("watch", "people", "x", ["x"], 1)]);
        MonitorMetrics.MailFailed.Add(1);

        lock (seen)
        {
            Assert.True(seen.GetValueOrDefault("monitor.items.stored") >= 2);
            Assert.True(seen.GetValueOrDefault("monitor.tags.applied") >= 2);
            Assert.True(seen.GetValueOrDefault("monitor.mail.failed") >= 1);
        }
    }

    [Fact]
    public void No_exporter_runs_without_an_endpoint_or_with_a_malformed_one()
    {
        Assert.Null(TelemetryExport.Start(new TelemetryOptions(), NullLogger.Instance, _ => null));
        Assert.Null(TelemetryExport.Start(new TelemetryOptions { OtlpEndpoint = "not a url" }, NullLogger.Instance, _ => null));
    }

    [Fact]
    public void An_exporter_is_built_for_a_configured_endpoint_and_disposes_cleanly()
    {
        using var provider = TelemetryExport.Start(new TelemetryOptions { OtlpEndpoint = "http://127.0.0.1:4317" }, NullLogger.Instance, _ => null);
        Assert.NotNull(provider);
        using var fromEnvironment = TelemetryExport.Start(new TelemetryOptions(), NullLogger.Instance,
            name => name == TelemetryExport.StandardEndpointVariable ? "http://127.0.0.1:4318" : null);
        Assert.NotNull(fromEnvironment);
    }
}
