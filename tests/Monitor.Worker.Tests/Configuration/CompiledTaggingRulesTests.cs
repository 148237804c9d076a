using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Core.Dedup;
using Monitor.Worker.Configuration;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Configuration;

/// <summary>
/// A command compiles the taxonomy once, while validating the file, and its tagging starts from that compilation. The
/// risk: the shared rules differ from what compiling the same configuration gives, or bad rules slip through.
/// </summary>
public sealed class CompiledTaggingRulesTests
{
    [Fact]
    public void A_valid_file_carries_the_rules_compiled_from_it()
    {
        using var config = new TestConfig().Write();
        var loaded = ConfigLoader.Load(config.Path);

        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var (fresh, errors) = TaggingRulesProvider.Compile(loaded.Configuration);
        Assert.Empty(errors);
        Assert.NotNull(loaded.TagMatcher);
        Assert.Equal(fresh!.TermCount, loaded.TagMatcher!.TermCount);
    }

    [Fact]
    public void Invalid_rules_are_reported_and_no_rules_are_carried()
    {
        using var config = new TestConfig();
        config.Monitor["Tagging"]!["WatchLists"]![0]!["Kind"] = JsonValue.Create("alien");
        config.Write();
        var loaded = ConfigLoader.Load(config.Path);

        Assert.False(loaded.IsValid);
        Assert.Contains(loaded.Errors, e => e.StartsWith("Monitor:Tagging:WatchLists:0:Kind", StringComparison.Ordinal));
        Assert.Null(loaded.TagMatcher);
    }

    /// <summary>The taxonomy is bound in a lane of its own: the errors must be those, and in the order, of binding the
    /// whole section in one pass and compiling the rules from the file (the loader's former way).</summary>
    [Theory]
    [InlineData("Tagging:Bogus", "1")]
    [InlineData("Tagging:WatchLists:0:TitleWeight", "\"heavy\"")]
    [InlineData("Tagging:WatchLists:0:Kind", "\"alien\"")]
    [InlineData("Tagging:Topics:0:Unknown", "true")]
    public void Errors_read_as_one_binding_of_the_whole_file_would_give_them(string path, string json)
    {
        using var config = new TestConfig();
        Set(config.Monitor, path, JsonNode.Parse(json)!);
        Set(config.Monitor, "Fetch:Timeout", JsonValue.Create("soon")); // before Tagging
        Set(config.Monitor, "Web:Bogus", JsonValue.Create(1));         // after it
        config.Write();

        var loaded = ConfigLoader.Load(config.Path);

        var (options, errors) = OptionsBinder.Bind(loaded.Configuration);
        var expected = new List<string>(errors);
        expected.AddRange(MonitorOptionsValidator.Validate(options));
        expected.AddRange(DedupOptions.Validate(options.Dedup, "Monitor:Dedup"));
        expected.AddRange(TaggingRulesProvider.Compile(loaded.Configuration).Errors);
        Assert.Equal(expected, loaded.Errors);
        Assert.Contains(loaded.Errors, e => e.StartsWith("Monitor:Tagging", StringComparison.Ordinal));
    }

    private static void Set(JsonObject root, string path, JsonNode value)
    {
        var parts = path.Split(':');
        JsonNode node = root;
        foreach (var part in parts[..^1]) node = int.TryParse(part, out var i) ? node[i]! : node[part]!;
        if (node is JsonArray array) array[int.Parse(parts[^1])] = value;
        else node[parts[^1]] = value;
    }

    [Fact]
    public void A_provider_given_the_compiled_rules_tags_with_them_until_the_file_changes()
    {
        using var config = new TestConfig().Write();
        var loaded = ConfigLoader.Load(config.Path);

        using var provider = new TaggingRulesProvider(loaded.Configuration, NullLogger<TaggingRulesProvider>.Instance, loaded.TagMatcher);

        Assert.Same(loaded.TagMatcher, provider.Current);
        Assert.Equal(0, provider.Generation);
    }
}
