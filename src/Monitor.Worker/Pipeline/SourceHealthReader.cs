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
        var log = store is IStoreMaintenance maintenance ? await maintenance.GetFetchLogAsync(source.Id, 100, ct) : [];
        var arrivals = log.Where(e => e.Success && e.NewItems > 0).Select(e => e.At).ToList();
        var fetch = options.Value.Fetch;
        return SourceHealth.Assess(clock.GetUtcNow(), source.ConsecutiveFailures, source.LastError, arrivals, fetch.UnhealthyAfterFailures, fetch.SilentFactor);
    }
}
