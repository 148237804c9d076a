using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Worker.Configuration;
using Monitor.Worker.Fetching;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Fetching;

/// <summary>Risk: the fetcher wired with defaults instead of the operator's options, or fetches invisible to metrics.</summary>
public sealed class FetchingRegistrationTests
{
    [Fact]
    public async Task Registered_fetcher_uses_configured_options_and_records_metrics()
    {
        await using var server = await FeedServer.StartAsync();
        server.Content("/feed", "<rss/>").Status("/gone", 410);
        var services = new ServiceCollection();
        services.Configure<MonitorOptions>(o => { o.Fetch.UserAgent = "Configured/2.0"; o.Fetch.BlockPrivateAddresses = false; });
        services.AddMonitorFetching();
        await using var provider = services.BuildServiceProvider();
        var measurements = new List<(string Instrument, string Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FetchMetrics.MeterName && instrument.Name.StartsWith("monitor.fetch.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, _, tags, _) => Record(i, tags));
        listener.SetMeasurementEventCallback<double>((i, _, tags, _) => Record(i, tags));
        listener.Start();
        var fetcher = provider.GetRequiredService<IFeedFetcher>();

        var ok = await fetcher.FetchAsync(new FetchRequest(server.Url("/feed"), null, null, false), CancellationToken.None);
        var gone = await fetcher.FetchAsync(new FetchRequest(server.Url("/gone"), null, null, false), CancellationToken.None);

        Assert.Equal(FetchStatus.Content, ok.Status);
        Assert.Equal(FetchErrorKind.HttpError, gone.ErrorKind);
        Assert.Equal("Configured/2.0", server.LastRequestHeaders("/feed")!.UserAgent.ToString());
        lock (measurements)
        {
            Assert.Contains((FetchMetrics.RequestsName, "content"), measurements);
            Assert.Contains((FetchMetrics.RequestsName, "httperror"), measurements);
            Assert.Contains((FetchMetrics.DurationName, "content"), measurements);
        }

        void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var outcome = "";
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    outcome = (string)tag.Value!;
                }
            }
            lock (measurements)
            {
                measurements.Add((instrument.Name, outcome));
            }
        }
    }
}

/// <summary>Risk: a zero timeout or concurrency accepted at start and failing obscurely later.</summary>
public sealed class FetchOptionsValidatorTests
{
    [Fact]
    public void Every_bad_fetch_value_is_reported_with_its_path()
    {
        var options = new MonitorOptions();
        options.Fetch.Timeout = TimeSpan.Zero;
        options.Fetch.PerHostConcurrency = 0;
        options.Fetch.MinPollInterval = TimeSpan.FromHours(10);

        var result = new FetchOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Monitor:Fetch:Timeout: must be a positive duration", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Monitor:Fetch:PerHostConcurrency: must be at least 1", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Monitor:Fetch:MinPollInterval", StringComparison.Ordinal));
        Assert.Equal(3, failures.Count);
    }

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new FetchOptionsValidator().Validate(null, new MonitorOptions()).Succeeded);
    }
}
