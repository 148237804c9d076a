using System.Text.Json.Nodes;
using Monitor.Worker.Configuration;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Configuration;

/// <summary>
/// The risk: one rule of one options class reports its problem without saying where it is ("must be positive" — which
/// of the forty durations?), or a value is accepted that only fails hours later. Each row breaks one value of an
/// otherwise valid file (the shipped appsettings.json with two sources and two subscribers) and loads it the way every
/// command does (<see cref="ConfigLoader.Load"/>); the error must start with the value's full configuration path, and
/// no other path may be blamed. One theory per options class, one row per rule.
/// Mutations are "Path=JSON" pairs under Monitor, joined by " & "; numbers in a path index arrays.
/// </summary>
public sealed class ConfigurationPathTests
{
    [Fact]
    public void The_unbroken_file_is_valid()
    {
        using var config = Baseline();
        var loaded = ConfigLoader.Load(config.Path);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
    }

    [Theory]
    [InlineData("DataFolder=\"\"", "DataFolder")]
    [InlineData("Fetch:Timeout=\"soon\"", "Fetch:Timeout")]
    [InlineData("Fetch:Timout=\"00:00:30\"", "Fetch")]
    [InlineData("Bogus=1", "Bogus")]
    public void Top_level_and_binding_errors_name_their_path(string mutations, string path) => AssertReportedAt(mutations, path);

    [Theory]
    [InlineData("Storage:Provider=\"oracle\"", "Storage:Provider")]
    [InlineData("Storage:Provider=\"postgres\" & Storage:ConnectionString=\"\"", "Storage:ConnectionString")]
    [InlineData("Storage:Provider=\"postgres\" & Storage:ConnectionString=\"monitor.db\"", "Storage:ConnectionString")]
    public void Storage_errors_name_their_path(string mutations, string path) => AssertReportedAt(mutations, path);

    [Theory]
    [InlineData("Mail:Transport=\"carrier-pigeon\"", "Mail:Transport")]
    [InlineData("Mail:Security=\"maybe\"", "Mail:Security")]
    [InlineData("Mail:FromAddress=\"nobody\"", "Mail:FromAddress")]
    [InlineData("Mail:Host=\"\"", "Mail:Host")]
    [InlineData("Mail:Port=70000", "Mail:Port")]
    [InlineData("Mail:Timeout=\"00:00:00\"", "Mail:Timeout")]
    [InlineData("Mail:MaxAttempts=0", "Mail:MaxAttempts")]
    [InlineData("Mail:MessagesPerMinute=0", "Mail:MessagesPerMinute")]
    [InlineData("Mail:MaxStoriesPerDigest=0", "Mail:MaxStoriesPerDigest")]
    [InlineData("Mail:PublicBaseUrl=\"https://example.org/?a=1\"", "Mail:PublicBaseUrl")]
    [InlineData("Mail:ListId=\"not an id!\"", "Mail:ListId")]
    [InlineData("Mail:UnsubscribeSecret=\"short\"", "Mail:UnsubscribeSecret")]
    public void Mail_errors_name_their_path(string mutations, string path) => AssertReportedAt(mutations, path);

    [Theory]
    [InlineData("Fetch:Timeout=\"00:00:00\"", "Fetch:Timeout")]
    [InlineData("Fetch:StallTimeout=\"-00:00:01\"", "Fetch:StallTimeout")]
    [InlineData("Fetch:MinPollInterval=\"00:00:00\"", "Fetch:MinPollInterval")]
    [InlineData("Fetch:MaxPollInterval=\"00:00:00\"", "Fetch:MaxPollInterval", "Fetch:MinPollInterval")]
    [InlineData("Fetch:MaxBackoff=\"00:00:00\"", "Fetch:MaxBackoff")]
    [InlineData("Fetch:DefaultRateLimitWait=\"00:00:00\"", "Fetch:DefaultRateLimitWait")]
    [InlineData("Fetch:MaxRetryAfter=\"00:00:00\"", "Fetch:MaxRetryAfter")]
    [InlineData("Fetch:MaxBodyBytes=10", "Fetch:MaxBodyBytes")]
    [InlineData("Fetch:MaxBodyBytesInFlight=1024", "Fetch:MaxBodyBytesInFlight")]
    [InlineData("Fetch:MaxRedirects=21", "Fetch:MaxRedirects")]
    [InlineData("Fetch:MaxConcurrency=0", "Fetch:MaxConcurrency")]
    [InlineData("Fetch:PerHostConcurrency=0", "Fetch:PerHostConcurrency")]
    [InlineData("Fetch:UnhealthyAfterFailures=0", "Fetch:UnhealthyAfterFailures")]
    [InlineData("Fetch:SilentFactor=0", "Fetch:SilentFactor")]
    [InlineData("Fetch:UserAgent=\"two\\nlines\"", "Fetch:UserAgent")]
    [InlineData("Fetch:MinPollInterval=\"02:00:00\" & Fetch:MaxPollInterval=\"01:00:00\"", "Fetch:MinPollInterval")]
    public void Fetch_errors_name_their_path(string mutations, string path, string? alsoBlamed = null) => AssertReportedAt(mutations, path, alsoBlamed);

    [Theory]
    [InlineData("Cluster:SchedulerName=\" \"", "Cluster:SchedulerName")]
    [InlineData("Cluster:CheckinInterval=\"00:00:00\"", "Cluster:CheckinInterval")]
    [InlineData("Cluster:CheckinMisfireThreshold=\"01:00:00\"", "Cluster:CheckinMisfireThreshold")]
    [InlineData("Cluster:MaxConcurrency=0", "Cluster:MaxConcurrency")]
    public void Cluster_errors_name_their_path(string mutations, string path) => AssertReportedAt(mutations, path);

    [Theory]
    [InlineData("Memory:QuietPeriod=\"00:00:00\"", "Memory:QuietPeriod")]
    [InlineData("Memory:QuietPeriod=\"02:00:00\"", "Memory:QuietPeriod")]
    [InlineData("Memory:MinInterval=\"-00:01:00\"", "Memory:MinInterval")]
    [InlineData("Memory:TrimWhenIdle=\"sometimes\"", "Memory:TrimWhenIdle")]
    public void Memory_errors_name_their_path(string mutations, string path) => AssertReportedAt(mutations, path);

    [Theory]
    [InlineData("Web:Enabled=true & Web:Urls=\"\"", "Web:Urls")]
    [InlineData("Web:Enabled=true & Web:Urls=\"localhost:5080\"", "Web:Urls")]
    [InlineData("Web:Enabled=true & Web:Urls=\"http://127.0.0.1:5080;ftp://127.0.0.1:21\"", "Web:Urls")]
    [InlineData("Web:AdminPasswordHash=\"hunter2\"", "Web:AdminPasswordHash")]
    [InlineData("Web:AdminToken=\"short\"", "Web:AdminToken")]
    public void Web_errors_name_their_path(string mutations, string path) => AssertReportedAt(mutations, path);

    [Theory]
    [InlineData("Telemetry:OtlpEndpoint=\"collector:4317\"", "Telemetry:OtlpEndpoint")]
    [InlineData("Telemetry:Protocol=\"pigeon\"", "Telemetry:Protocol")]
    public void Telemetry_errors_name_their_path(string mutations, string path) => AssertReportedAt(mutations, path);

    [Theory]
    [InlineData("Sources:1:Id=\"\"", "Sources:1:Id")]
    [InlineData("Sources:1:Id=\"Bad Id\"", "Sources:1:Id")]
    [InlineData("Sources:1:Id=\"a\"", "Sources:1:Id")]
    [InlineData("Sources:1:Name=\" \"", "Sources:1:Name")]
    [InlineData("Sources:1:Url=\"ftp://example.org/feed\"", "Sources:1:Url")]
    [InlineData("Sources:1:Type=\"rss\"", "Sources:1:Type")]
    [InlineData("Sources:1:Interval=\"00:00:10\"", "Sources:1:Interval")]
    [InlineData("Sources:1:Interval=\"2.00:00:00\"", "Sources:1:Interval")]
    [InlineData("Sources:1:Interval=\"often\"", "Sources:1:Interval")]
    [InlineData("Sources:1:TimeZone=\"Mars/Olympus\"", "Sources:1:TimeZone")]
    [InlineData("Sources:1:Type=\"html\"", "Sources:1:Selectors")]
    [InlineData("Sources:1:Type=\"html\" & Sources:1:Selectors={\"Title\":\"h2\",\"Link\":\"a\"}", "Sources:1:Selectors:Item")]
    [InlineData("Sources:1:Type=\"html\" & Sources:1:Selectors={\"Item\":\"li\",\"Link\":\"a\"}", "Sources:1:Selectors:Title")]
    [InlineData("Sources:1:Type=\"html\" & Sources:1:Selectors={\"Item\":\"li\",\"Title\":\"h2\"}", "Sources:1:Selectors:Link")]
    public void Source_errors_name_their_path(string mutations, string path) => AssertReportedAt(mutations, path);

    [Theory]
    [InlineData("Subscribers:1:Email=\"not-an-address\"", "Subscribers:1:Email")]
    [InlineData("Subscribers:1:Email=\"ONE@example.org\"", "Subscribers:1:Email")]
    [InlineData("Subscribers:1:Name=\"two\\r\\nBcc: x@example.org\"", "Subscribers:1:Name")]
    [InlineData("Subscribers:1:Language=\"fr\"", "Subscribers:1:Language")]
    [InlineData("Subscribers:1:TimeZone=\"Mars/Olympus\"", "Subscribers:1:TimeZone")]
    [InlineData("Subscribers:1:MinSources=0", "Subscribers:1:MinSources")]
    [InlineData("Subscribers:1:MutedSources=[\"a\",\"nowhere\"]", "Subscribers:1:MutedSources:1")]
    [InlineData("Subscribers:1:Topics=[\"no-such-topic\"]", "Subscribers:1:Topics:0")]
    [InlineData("Subscribers:1:WatchLists=[\"no-such-list\"]", "Subscribers:1:WatchLists:0")]
    [InlineData("Subscribers:1:Frequency=\"sometimes\"", "Subscribers:1:Frequency")]
    public void Subscriber_errors_name_their_path(string mutations, string path) => AssertReportedAt(mutations, path);

    [Theory]
    [InlineData("Dedup:ShingleSize=9", "Dedup:ShingleSize")]
    [InlineData("Dedup:NumHashes=2000", "Dedup:NumHashes")]
    [InlineData("Dedup:Bands=0", "Dedup:Bands")]
    [InlineData("Dedup:Rows=0", "Dedup:Rows")]
    [InlineData("Dedup:Bands=100 & Dedup:Rows=3", "Dedup:Bands")]
    [InlineData("Dedup:SimilarityThreshold=1.5", "Dedup:SimilarityThreshold")]
    [InlineData("Dedup:ContainmentThreshold=0", "Dedup:ContainmentThreshold")]
    [InlineData("Dedup:MinTokens=1 & Dedup:ShingleSize=2", "Dedup:MinTokens")]
    [InlineData("Dedup:BoilerplateStories=1", "Dedup:BoilerplateStories")]
    [InlineData("Dedup:CandidateWindow=\"00:00:00\"", "Dedup:CandidateWindow")]
    [InlineData("Dedup:RememberedShinglesMiB=0", "Dedup:RememberedShinglesMiB")]
    public void Dedup_errors_name_their_path(string mutations, string path) => AssertReportedAt(mutations, path);

    // Every rule of the tagging validator is tested on its own in Core.Tests (TaggingOptionsValidatorTests); these rows
    // show that the loader passes its paths through unchanged, under the real file's indexes.
    [Theory]
    [InlineData("Tagging:WatchLists:0:Kind=\"alien\"", "Tagging:WatchLists:0:Kind")]
    [InlineData("Tagging:WatchLists:0:TitleWeight=0", "Tagging:WatchLists:0:TitleWeight")]
    [InlineData("Tagging:WatchLists:0:Entries:0:Match=\"fuzzy\"", "Tagging:WatchLists:0:Entries:0:Match")]
    [InlineData("Tagging:Topics:0:Kind=\"alien\"", "Tagging:Topics:0:Kind")]
    [InlineData("Tagging:Topics:0:MinHits=0", "Tagging:Topics:0:MinHits")]
    [InlineData("Tagging:Topics:0:Parent=\"missing\"", "Tagging:Topics:0:Parent")]
    public void Tagging_errors_name_their_path(string mutations, string path) => AssertReportedAt(mutations, path);

    /// <summary><paramref name="alsoBlamed"/>: a second path the same mistake rightly involves (a minimum above a zero maximum).</summary>
    private static void AssertReportedAt(string mutations, string path, string? alsoBlamed = null)
    {
        using var config = Baseline();
        foreach (var mutation in mutations.Split(" & "))
        {
            var at = mutation.IndexOf('=');
            Set(config.Monitor, mutation[..at].Split(':'), JsonNode.Parse(mutation[(at + 1)..]));
        }
        config.Write();

        var errors = ConfigLoader.Load(config.Path).Errors;

        var full = $"{MonitorOptions.SectionName}:{path}:";
        Assert.True(errors.Any(e => e.StartsWith(full, StringComparison.Ordinal)), $"no error at {full}; got:\n{string.Join("\n", errors)}");
        var also = alsoBlamed is null ? null : $"{MonitorOptions.SectionName}:{alsoBlamed}:";
        Assert.All(errors, e => Assert.True(e.StartsWith(full, StringComparison.Ordinal) || (also is not null && e.StartsWith(also, StringComparison.Ordinal)),
            $"blamed another path: {e}"));
    }

    /// <summary>A valid file: the shipped one with sources "a" and "b" and subscribers one@ and two@.</summary>
    private static TestConfig Baseline()
    {
        var config = new TestConfig()
            .AddSource("a", "مصدر أ", new Uri("https://example.org/a.xml"))
            .AddSource("b", "مصدر ب", new Uri("https://example.org/b.xml"))
            .AddSubscriber("one@example.org", "واحد")
            .AddSubscriber("two@example.org", "اثنان");
        return config.Write();
    }

    private static void Set(JsonNode parent, string[] keys, JsonNode? value)
    {
        for (var i = 0; i < keys.Length - 1; i++)
        {
            var next = Child(parent, keys[i]);
            if (next is null)
            {
                next = new JsonObject();
                ((JsonObject)parent)[keys[i]] = next;
            }
            parent = next;
        }
        if (parent is JsonArray array) array[int.Parse(keys[^1])] = value;
        else ((JsonObject)parent)[keys[^1]] = value;
    }

    private static JsonNode? Child(JsonNode parent, string key) =>
        parent is JsonArray array ? array[int.Parse(key)] : parent[key];
}
