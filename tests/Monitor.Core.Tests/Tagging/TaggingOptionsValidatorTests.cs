using Monitor.Core.Tagging;

namespace Monitor.Core.Tests.Tagging;

/// <summary>An operator's mistake must come back as every problem with its configuration path, never as a crash.</summary>
public sealed class TaggingOptionsValidatorTests
{
    [Fact]
    public void Lists_every_problem_with_its_path()
    {
        var o = new TaggingOptions
        {
            WatchLists = [new() { Name = "p", Kind = "alien", Entries = [new() { Name = "x", Match = "fuzzy" }, new() { Name = "x" }] }],
            Topics =
            [
                new() { Id = "ok", Name = "ok", Any = ["watch:p/x"] },
                new() { Id = "Bad Id", Name = "", Any = ["watch:nope"], All = ["watch:p/y"], MinHits = 0, Parent = "missing" },
                new() { Id = "ok", Name = "dup", Any = ["،،"] },
            ],
        };
        var errors = TaggingOptionsValidator.Validate(o);
        Assert.Contains("Monitor:Tagging:WatchLists:0:Kind: \"alien\" is not one of person, place, organisation, group, state, other", errors);
        Assert.Contains("Monitor:Tagging:WatchLists:0:Entries:0:Match: \"fuzzy\" is not one of name, keyword", errors);
        Assert.Contains("Monitor:Tagging:WatchLists:0:Entries:1:Name: duplicate entry \"x\"", errors);
        Assert.Contains("Monitor:Tagging:Topics:1:Id: \"Bad Id\" must be lower-case a-z, 0-9 and '-'", errors);
        Assert.Contains("Monitor:Tagging:Topics:1:Name: is required", errors);
        Assert.Contains("Monitor:Tagging:Topics:1:Any:0: references unknown watch list \"nope\"", errors);
        Assert.Contains("Monitor:Tagging:Topics:1:All:0: references unknown entry \"y\" of watch list \"p\"", errors);
        Assert.Contains("Monitor:Tagging:Topics:1:MinHits: 0 must be at least 1", errors);
        Assert.Contains("Monitor:Tagging:Topics:1:Parent: unknown topic id \"missing\"", errors);
        Assert.Contains("Monitor:Tagging:Topics:2:Id: duplicate topic id \"ok\"", errors);
        Assert.Contains("Monitor:Tagging:Topics:2:Any:0: \"،،\" contains no words", errors);
    }

    [Fact]
    public void Parent_cycles_are_reported()
    {
        var o = new TaggingOptions { Topics = [new() { Id = "a", Name = "a", Parent = "b", Any = ["x"] }, new() { Id = "b", Name = "b", Parent = "a", Any = ["y"] }] };
        Assert.Contains("Monitor:Tagging:Topics:0:Parent: \"b\" makes a cycle of parents", TaggingOptionsValidator.Validate(o));
    }

    [Fact]
    public void Compile_refuses_an_invalid_configuration_with_all_errors()
    {
        var o = new TaggingOptions { Topics = [new() { Id = "a", Name = "a", Any = ["watch:none"] }] };
        var ex = Assert.Throws<TaggingConfigurationException>(() => TagMatcher.Compile(o));
        Assert.Equal(["Monitor:Tagging:Topics:0:Any:0: references unknown watch list \"none\""], ex.Errors);
        Assert.Null(TagMatcher.TryCompile(o, out var errors));
        Assert.Single(errors);
    }
}
