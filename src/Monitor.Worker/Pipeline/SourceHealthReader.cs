using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;
using Monitor.Worker.Fetching;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// A source's health as operators see it (commands, admin page): unhealthy after N failures in a row, silent when no
/// new entry came for several times its usual gap. The rhythm comes from the fetch log: the polls that brought new entries.
/// </summary>
public sealed class SourceHealthReader(IMonitorStore store, TimeProvider clock, IOptions<MonitorOptions> options)
{
    public async Task<SourceHealthReport> AssessAsync(SourceRecord source, CancellationToken ct)
    {
        var log = store is IStoreMaintenance maintenance ? await maintenance.GetFetchLogAsync(source.Id, LogDepth, ct) : [];
        return Assess(source, log.Where(e => e.Success && e.NewItems > 0).Select(e => e.At).ToList(), clock.GetUtcNow());
    }

    /// <summary>The reports of many sources, in their order, from one read of their fetch logs (a cycle's report).</summary>
    public async Task<IReadOnlyList<SourceHealthReport>> AssessAllAsync(IReadOnlyList<SourceRecord> sources, CancellationToken ct)
    {
        var arrivals = store is IStoreMaintenance maintenance
            ? await maintenance.GetArrivalsAsync(sources.Select(s => s.Id).ToList(), LogDepth, ct)
            : new Dictionary<string, IReadOnlyList<DateTimeOffset>>();
        var now = clock.GetUtcNow();
        return sources.Select(s => Assess(s, arrivals.TryGetValue(s.Id, out var times) ? times : [], now)).ToList();
    }

    /// <summary>How many recent polls the rhythm is read from.</summary>
    private const int LogDepth = 100;

    private SourceHealthReport Assess(SourceRecord source, IReadOnlyList<DateTimeOffset> arrivals, DateTimeOffset now)
    {
        var fetch = options.Value.Fetch;
        return SourceHealth.Assess(now, source.ConsecutiveFailures, source.LastError, arrivals, fetch.UnhealthyAfterFailures, fetch.SilentFactor);
    }
}
