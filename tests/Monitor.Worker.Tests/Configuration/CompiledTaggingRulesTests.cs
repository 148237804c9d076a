using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
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
