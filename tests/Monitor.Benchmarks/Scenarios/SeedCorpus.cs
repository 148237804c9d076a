namespace Monitor.Benchmarks.Scenarios;

/// <summary>The five seed texts from shared/seeds, found like the tests find them (MONITOR_SHARED or an ancestor's shared/).</summary>
internal static class SeedCorpus
{
    public static IReadOnlyList<string> Load()
    {
        var shared = Environment.GetEnvironmentVariable("MONITOR_SHARED");
        if (string.IsNullOrEmpty(shared))
        {
            for (var dir = new DirectoryInfo(ScenarioRunner.FindRepoRoot()).Parent; dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "seeds");
                if (Directory.Exists(candidate)) { shared = Path.Combine(dir.FullName, "shared"); break; }
            }
        }
        if (string.IsNullOrEmpty(shared)) throw new InvalidOperationException("shared/seeds not found; set MONITOR_SHARED");
        return Directory.GetFiles(Path.Combine(shared, "seeds"), "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
    }

    /// <summary>
    /// About <paramref name="bytes"/> of UTF-8 text: the seeds' paragraphs in a seeded shuffled order, so the word
    /// mix is real but the text is not five files repeated verbatim.
    /// </summary>
    public static List<string> Replicate(long bytes, int seed)
    {
        var paragraphs = Paragraphs();
        var rng = new Random(seed);
        var result = new List<string>();
        long total = 0;
        while (total < bytes)
        {
            var p = paragraphs[rng.Next(paragraphs.Count)];
            result.Add(p);
            total += System.Text.Encoding.UTF8.GetByteCount(p);
        }
        return result;
    }

    /// <summary><paramref name="count"/> articles made of 1 to 4 seed paragraphs each, in a seeded order.</summary>
    public static List<string> Articles(int count, int seed)
    {
        var paragraphs = Paragraphs();
        var rng = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => string.Join('\n', Enumerable.Range(0, 1 + rng.Next(4)).Select(_ => paragraphs[rng.Next(paragraphs.Count)])))
            .ToList();
    }

    private static List<string> Paragraphs() =>
        Load().SelectMany(t => t.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Trim().Length > 0).ToList();
}
