using Monitor.Tests.Support;

namespace Monitor.Core.Tests.Text;

/// <summary>Reads the peer test vectors in shared/corpus/arabic (TAB-separated, never trimmed, # comments, sections).</summary>
internal static class PeerVectors
{
    public sealed record Row(string Section, string Input, string Expected);

    public static IReadOnlyList<Row> Read(string file)
    {
        var rows = new List<Row>();
        var section = "";
        foreach (var line in File.ReadAllText(TestPaths.Corpus("arabic", file)).Split('\n'))
        {
            if (line.StartsWith("# section:", StringComparison.Ordinal)) { section = line[10..].Trim(); continue; }
            if (line.StartsWith('#')) continue;
            var tab = line.IndexOf('\t');
            if (tab < 0) continue;
            rows.Add(new Row(section, line[..tab], line[(tab + 1)..]));
        }
        return rows;
    }

    /// <summary>Share of rows where <paramref name="actual"/> gives the expected value, and the failures for messages.</summary>
    public static (double Rate, List<string> Failures) PassRate(IEnumerable<Row> rows, Func<Row, string> actual)
    {
        var list = rows.ToList();
        var failures = new List<string>();
        foreach (var r in list)
        {
            var got = actual(r);
            if (got != r.Expected) failures.Add($"{r.Input} -> {got} (expected {r.Expected})");
        }
        return (list.Count == 0 ? 0 : 1.0 - (double)failures.Count / list.Count, failures);
    }
}
