using Monitor.Tests.Support;
using System.Text.Json.Nodes;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.EndToEnd;

/// <summary>The risk: a bad configuration file starts a half-working service, or reports only its first mistake.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ConfigurationErrorTests
{
    [Fact]
    public async Task Validate_lists_every_bad_field_by_json_path_and_exits_2()
    {
        using var config = new TestConfig();
        config.AddSource("ok", "مصدر", new Uri("https://example.org/feed"));
        config.Monitor["Sources"]!.AsArray().Add(new JsonObject { ["Id"] = "bad", ["Name"] = "x", ["Url"] = "ftp://x", ["Interval"] = "often" });
        config.Monitor["Sources"]!.AsArray().Add(new JsonObject { ["Id"] = "ok", ["Name"] = "dup", ["Url"] = "https://example.org/2" });
        config.Monitor["Subscribers"]!.AsArray().Add(new JsonObject { ["Email"] = "not-an-address", ["Frequency"] = "sometimes", ["TimeZone"] = "Mars/Olympus" });
        config.Monitor["Mail"]!["Transport"] = "carrier-pigeon";
        config.Monitor["Storage"]!["Provider"] = "oracle";
        config.Monitor["Fetch"]!["MaxConcurrency"] = 0;
        config.Write();

        var run = await MonitorProcess.RunAsync(["validate", "--config", config.Path]);

        Assert.Equal(2, run.ExitCode);
        string[] expected =
        [
            "Monitor:Sources:1:Interval: \"often\" cannot be read as a duration",
            "Monitor:Sources:1:Url: \"ftp://x\" is not an absolute http(s) URL",
            "Monitor:Sources:2:Id: \"ok\" is used by another source",
            "Monitor:Subscribers:0:Email: \"not-an-address\" is not an email address",
            "Monitor:Subscribers:0:TimeZone: \"Mars/Olympus\" is not a known time zone",
            "Monitor:Mail:Transport: \"carrier-pigeon\" is not one of pickup, smtp",
            "Monitor:Storage:Provider: \"oracle\" is not one of sqlite, postgres",
            "Monitor:Fetch:MaxConcurrency: must be at least 1 (got 0)",
        ];
        foreach (var line in expected) Assert.Contains(line, run.StdOut);
    }

    [Fact]
    public async Task A_url_that_is_not_http_is_named_with_its_value()
    {
        using var config = new TestConfig();
        config.Monitor["Sources"]!.AsArray().Add(new JsonObject { ["Id"] = "x", ["Name"] = "x", ["Url"] = "ftp://x" });
        config.Write();

        var run = await MonitorProcess.RunAsync(["validate", "--config", config.Path]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Monitor:Sources:0:Url: \"ftp://x\" is not an absolute http(s) URL", run.StdOut);
    }

    [Fact]
    public async Task Once_refuses_to_start_on_an_invalid_file_and_does_no_work()
    {
        using var config = new TestConfig();
        config.Monitor["Subscribers"]!.AsArray().Add(new JsonObject { ["Email"] = "a@example.org", ["Frequency"] = "fortnightly" });
        config.Write();

        var run = await MonitorProcess.RunAsync(["once", "--config", config.Path]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Monitor:Subscribers:0:Frequency:", run.StdErr);
        Assert.False(Directory.Exists(config.DataFolder), "no data folder may be created before the configuration is valid");
    }

    [Fact]
    public async Task Environment_variables_override_the_file()
    {
        using var config = new TestConfig();
        config.Monitor["Storage"]!["Provider"] = "oracle";
        config.Write();

        var broken = await MonitorProcess.RunAsync(["validate", "--config", config.Path]);
        var fixedByEnv = await MonitorProcess.RunAsync(["validate", "--config", config.Path], env: new Dictionary<string, string> { ["Monitor__Storage__Provider"] = "sqlite" });

        Assert.Equal(2, broken.ExitCode);
        Assert.True(fixedByEnv.ExitCode == 0, fixedByEnv.ToString());
    }

    [Fact]
    public async Task Broken_json_is_reported_with_the_position_of_the_mistake()
    {
        using var config = new TestConfig();
        await File.WriteAllTextAsync(config.Path, "{ \"Monitor\": { \"Sources\": [ }");

        var run = await MonitorProcess.RunAsync(["validate", "--config", config.Path]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not valid JSON", run.StdOut);
        Assert.Contains("BytePositionInLine: 28", run.StdOut);
    }

    [Fact]
    public async Task The_shipped_appsettings_json_is_valid()
    {
        var run = await MonitorProcess.RunAsync(["validate", "--config", Path.Combine(TestPaths.RepoRoot, "appsettings.json")]);
        Assert.True(run.ExitCode == 0, run.ToString());
    }
}
