namespace Monitor.Tests.Support;

/// <summary>Finds the repository and the shared peer material (../shared next to the clone, or further up).</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The shared folder: the first ancestor of the repository that has shared/corpus (or shared/seeds).</summary>
    public static string Shared { get; } = FindShared();

    public static string Corpus(params string[] parts) => Path.Combine([Shared, "corpus", .. parts]);
    public static string Seeds => Path.Combine(Shared, "seeds");

    /// <summary>The seed texts, in file-name order.</summary>
    public static IReadOnlyList<string> SeedTexts() =>
        Directory.GetFiles(Seeds, "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln"))) return dir.FullName;
        throw new InvalidOperationException("Monitor.sln not found above " + AppContext.BaseDirectory);
    }

    private static string FindShared()
    {
        var env = Environment.GetEnvironmentVariable("MONITOR_SHARED");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(RepoRoot).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "seeds")) || Directory.Exists(Path.Combine(candidate, "corpus"))) return candidate;
        }
        throw new InvalidOperationException("shared/ (peer corpus and seeds) not found above " + RepoRoot + "; set MONITOR_SHARED");
    }
}
