using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Monitor.Worker.Fetching;

/// <summary>
/// The fetch instruments on the service's "Monitor" meter: <c>monitor.fetch.duration</c> (seconds) and
/// <c>monitor.fetch.requests</c>, both tagged with <c>outcome</c> (content, not_modified, or the error kind) and <c>host</c>.
/// </summary>
public sealed class FetchMetrics : IDisposable
{
    public const string MeterName = "Monitor";
    public const string DurationName = "monitor.fetch.duration";
    public const string RequestsName = "monitor.fetch.requests";

    private readonly Meter _meter;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _requests;

    public FetchMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _duration = _meter.CreateHistogram<double>(DurationName, unit: "s", description: "Time to fetch one source, redirects and body included.");
        _requests = _meter.CreateCounter<long>(RequestsName, unit: "{request}", description: "Source fetches by outcome.");
    }

    public void Record(FetchResult result)
    {
        var tags = new TagList
        {
            { "outcome", Outcome(result) },
            { "host", result.FinalUrl.IdnHost },
        };
        _duration.Record(result.Elapsed.TotalSeconds, tags);
        _requests.Add(1, tags);
    }

    public static string Outcome(FetchResult result) => result.Status switch
    {
        FetchStatus.Content => "content",
        FetchStatus.NotModified => "not_modified",
        _ => result.ErrorKind?.ToString().ToLowerInvariant() ?? "failed",
    };

    public void Dispose() => _meter.Dispose();
}
