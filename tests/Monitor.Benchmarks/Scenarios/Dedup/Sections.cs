namespace Monitor.Benchmarks.Scenarios.Dedup;

/// <summary>A data file of "## name" sections ("#" lines are comments); a name may repeat (several headlines, ...).</summary>
public sealed class Sections(IReadOnlyList<(string Name, string Body)> all)
{
    public IReadOnlyList<(string Name, string Body)> All { get; } = all;

    public IReadOnlyList<string> Named(string name) => All.Where(s => s.Name == name).Select(s => s.Body).ToList();

    public string Get(string name, int index) => Named(name)[index];

    public static Sections Load(string path)
    {
        var result = new List<(string, string)>();
        string? name = null;
        var body = new List<string>();
        foreach (var raw in File.ReadLines(path))
        {
            if (raw.StartsWith("## ", StringComparison.Ordinal))
            {
                if (name is not null) result.Add((name, string.Join('\n', body).Trim()));
                name = raw[3..].Trim();
                body.Clear();
            }
            else if (!raw.StartsWith('#')) body.Add(raw);
        }
        if (name is not null) result.Add((name, string.Join('\n', body).Trim()));
        return new Sections(result);
    }
}
