using Monitor.Core.Dedup;

namespace Monitor.Core.Tests.Dedup;

// Risk guarded: a mistyped threshold or band layout silently turning dedup off (or merging everything).
public class DedupOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.Empty(DedupOptions.Validate(new DedupOptions()));
    }

    [Fact]
    public void Lists_every_problem_with_its_json_path()
    {
        var o = new DedupOptions { ShingleSize = 0, NumHashes = 10, Bands = 5, Rows = 3, SimilarityThreshold = 1.5, ContainmentThreshold = 0, BoilerplateStories = 1, CandidateWindow = TimeSpan.Zero, RememberedShinglesMiB = 5000 };
        var errors = DedupOptions.Validate(o, "Monitor:Dedup");
        Assert.Contains(errors, e => e.StartsWith("Monitor:Dedup:ShingleSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Monitor:Dedup:Bands: Bands × Rows", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Monitor:Dedup:SimilarityThreshold", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Monitor:Dedup:ContainmentThreshold", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Monitor:Dedup:BoilerplateStories", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Monitor:Dedup:CandidateWindow", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Monitor:Dedup:RememberedShinglesMiB", StringComparison.Ordinal));
        Assert.Equal(7, errors.Count);
    }
}
