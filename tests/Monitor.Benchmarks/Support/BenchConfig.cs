using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Worker.Configuration;
using Monitor.Worker.Hosting;

namespace Monitor.Benchmarks.Support;

/// <summary>
/// A configuration for one benchmark run: the shipped appsettings.json (its taxonomy, so tagging costs what it costs in
/// production) with sources, subscribers, storage, mail and web replaced, in a fresh temp folder. It also builds the
/// same services the commands use (<see cref="MonitorServices.AddMonitor"/>), so the measured code is the real pipeline.
/// </summary>
public sealed class BenchConfig : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("monitor-bench-").FullName;
    public string FilePath => Path.Combine(Folder, "appsettings.json");
    public JsonObject Monitor { get; }
    private readonly JsonObject _root;
    private readonly (JsonNode? Global, JsonNode? PerHost) _shippedFetchLimits;

    public BenchConfig()
    {
        _root = JsonNode.Parse(File.ReadAllText(Path.Combine(ScenarioRunner.FindRepoRoot(), "appsettings.json")))!.AsObject();
        Monitor = _root["Monitor"]!.AsObject();
        Monitor["DataFolder"] = "data";
        Monitor["Sources"] = new JsonArray();
        Monitor["Subscribers"] = new JsonArray();
        Monitor["Web"] = new JsonObject { ["Enabled"] = false };
        // Loopback feeds: the SSRF guard would refuse them; one host serves every feed, so the per-host limit is the
        // global one (the defaults are polite to real publishers, which is not what a throughput figure measures).
        var fetch = Monitor["Fetch"] as JsonObject ?? new JsonObject();
        _shippedFetchLimits = (fetch["MaxConcurrency"]?.DeepClone(), fetch["PerHostConcurrency"]?.DeepClone());
        fetch["BlockPrivateAddresses"] = false;
        fetch["MaxConcurrency"] = 16;
        fetch["PerHostConcurrency"] = 16;
        Monitor["Fetch"] = fetch;
    }

    /// <summary>Back to the fetch concurrency of the shipped appsettings.json (global and per host): for scenarios whose
    /// feeds are spread over several hosts like real publishers, where the shipped politeness is what is measured.</summary>
    public BenchConfig UseShippedFetchLimits()
    {
        var fetch = Monitor["Fetch"]!.AsObject();
        fetch.Remove("MaxConcurrency");
        fetch.Remove("PerHostConcurrency");
        if (_shippedFetchLimits.Global is { } global) fetch["MaxConcurrency"] = global.DeepClone();
        if (_shippedFetchLimits.PerHost is { } perHost) fetch["PerHostConcurrency"] = perHost.DeepClone();
        return this;
    }

    public BenchConfig UsePostgres(string connectionString)
    {
        Monitor["Storage"] = new JsonObject { ["Provider"] = "postgres", ["ConnectionString"] = connectionString };
        return this;
    }

    public BenchConfig AddSource(string id, string name, string url, bool primary = false)
    {
        Monitor["Sources"]!.AsArray().Add(new JsonObject
        {
            ["Id"] = id, ["Name"] = name, ["Url"] = url, ["Primary"] = primary, ["Interval"] = "00:10:00",
        });
        return this;
    }

    public BenchConfig AddSubscriber(string email, string name, string frequency)
    {
        Monitor["Subscribers"]!.AsArray().Add(new JsonObject
        {
            ["Email"] = email, ["Name"] = name, ["Frequency"] = frequency, ["Language"] = "ar", ["TimeZone"] = "Asia/Damascus",
            ["Topics"] = new JsonArray(), ["WatchLists"] = new JsonArray(), ["MinSources"] = 1,
        });
        return this;
    }

    /// <summary>Plain SMTP on loopback, with a rate limit far above what is measured (the default 120/min is for real relays).</summary>
    public BenchConfig UseSmtp(int port)
    {
        var mail = Monitor["Mail"]!.AsObject();
        mail["Transport"] = "smtp";
        mail["Host"] = "127.0.0.1";
        mail["Port"] = port;
        mail["Security"] = "none";
        mail["MessagesPerMinute"] = 10_000_000;
        mail["UnsubscribeSecret"] = "benchmark-secret-benchmark-secret-0123456789";
        return this;
    }

    public BenchConfig UseWeb(int port)
    {
        Monitor["Web"] = new JsonObject { ["Enabled"] = true, ["Urls"] = $"http://127.0.0.1:{port}" };
        return this;
    }

    public BenchConfig Write()
    {
        File.WriteAllText(FilePath, _root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return this;
    }

    /// <summary>Loads the written file through the real loader (validation included) and builds the command services.</summary>
    public ServiceProvider BuildServices()
    {
        var loaded = ConfigLoader.Load(FilePath);
        if (!loaded.IsValid) throw new InvalidOperationException("benchmark configuration invalid: " + string.Join("; ", loaded.Errors));
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(loaded.Configuration);
        // Warnings only, as the commands log by default: per-item Information lines would measure the console.
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddMonitor(loaded);
        return services.BuildServiceProvider();
    }

    public string DataFolder => Path.Combine(Folder, "data");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
