namespace Monitor.Benchmarks.Scenarios.Dedup;

/// <summary>Finds ../shared (seeds and peer corpora) like the tests do: MONITOR_SHARED, or the first ancestor holding it.</summary>
public static class EvalPaths
{
    public static string Shared { get; } = FindShared();
    public static string Seeds => Path.Combine(Shared, "seeds");
    public static string Corpus(params string[] parts) => Path.Combine([Shared, "corpus", .. parts]);

    private static string FindShared()
    {
        var env = Environment.GetEnvironmentVariable("MONITOR_SHARED");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(ScenarioRunner.FindRepoRoot()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "seeds"))) return candidate;
        }
        throw new DirectoryNotFoundException("shared/seeds not found above the repository; set MONITOR_SHARED");
    }
}
