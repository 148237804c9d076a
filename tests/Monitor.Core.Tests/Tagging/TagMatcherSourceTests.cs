using Monitor.Core.Tagging;
using Monitor.Core.Text;

namespace Monitor.Core.Tests.Tagging;

/// <summary>A rule change applies to the next item; a broken change is refused and the last good rules stay.</summary>
public sealed class TagMatcherSourceTests
{
    private static TaggingOptions Topic(string term) => new() { Topics = [new() { Id = "t", Name = "t", Any = [term] }] };

    private static bool Tags(TagMatcherSource s, string text) => s.Current.Match(TextAnalyzer.Empty, TextAnalyzer.Analyze(text)).Count > 0;

    [Fact]
    public void Valid_change_applies_to_the_next_item()
    {
        var source = new TagMatcherSource(TagMatcher.Compile(Topic("حصار")));
        Assert.True(Tags(source, "حصار"));
        Assert.Empty(source.TryUpdate(Topic("لاجئين")));
        Assert.False(Tags(source, "حصار"));
        Assert.True(Tags(source, "اللاجئين"));
    }

    [Fact]
    public void Invalid_change_is_refused_and_last_good_rules_stay()
    {
        var source = new TagMatcherSource(TagMatcher.Compile(Topic("حصار")));
        var before = source.Current;
        var errors = source.TryUpdate(Topic("watch:missing"));
        Assert.Equal(["Monitor:Tagging:Topics:0:Any:0: references unknown watch list \"missing\""], errors);
        Assert.Same(before, source.Current);
        Assert.True(Tags(source, "حصار"));
    }
}
