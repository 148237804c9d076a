using System.Text;
using System.Text.Json;

namespace Monitor.Benchmarks.Support;

/// <summary>
/// The headline figures read back from each scenario's JSON under artifacts/benchmarks/, one row per goal of issue 9,
/// with whether it was met. A missing file gives a row that says so rather than a guess.
/// </summary>
public static class Summary
{
    public sealed record Row(string Figure, string Measured, string Goal, string Verdict);

    public static (IReadOnlyList<Row> Rows, string Markdown) Build()
    {
        var rows = new List<Row>();
        var dir = Path.Combine(ScenarioRunner.FindRepoRoot(), "artifacts", "benchmarks");
        JsonElement? Load(string name)
        {
            var path = Path.Combine(dir, name + ".json");
            return File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)).RootElement : null;
        }
        void Add(string figure, Func<JsonElement, (string Measured, bool? Met)> read, string goal, string file)
        {
            if (Load(file) is not { } json) { rows.Add(new Row(figure, "not run", goal, "—")); return; }
            try
            {
                var (measured, met) = read(json);
                rows.Add(new Row(figure, measured, goal, met is null ? "—" : met.Value ? "met" : "missed"));
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
            {
                rows.Add(new Row(figure, "unreadable " + file + ".json", goal, "—"));
            }
        }

        Add("parse vs feedparser (MB/s ratio)", j =>
        {
            var ratio = j.GetProperty("ratio").GetDouble();
            return ($"{j.GetProperty("ours").GetProperty("MBps").GetDouble():F1} MB/s vs {j.GetProperty("python").GetProperty("MBps").GetDouble():F2} MB/s = {ratio:F1}×", ratio >= 20);
        }, "≥ 20×", "parse");
        Add("tagging 10,000 terms vs 10", j =>
        {
            var last = j.EnumerateArray().Last();
            var ratio = last.GetProperty("ratioTo10").GetDouble();
            return ($"{ratio:F2}× the time ({last.GetProperty("articlesPerSecond").GetDouble():N0} articles/s)", ratio <= 1.5);
        }, "≤ 1.5×", "tag");
        Add("dedup lookup (SQLite)", j =>
        {
            var sqlite = j.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("provider").GetString() == "sqlite").ToList();
            var text = string.Join(", ", sqlite.Select(r => $"{r.GetProperty("stored").GetInt32():N0}: p50 {r.GetProperty("lookupP50Us").GetDouble():N0} / p99 {r.GetProperty("lookupP99Us").GetDouble():N0} µs"));
            return (text, sqlite.Last().GetProperty("lookupP99Us").GetDouble() < 1000);
        }, "p99 < 1 ms at 1M, flat", "store");
        // This process is the JIT build and its measured run includes compiling the ingest path; the shipped service is
        // the native build, measured by the same scenario published with PublishAot (docs/performance.md, "How to run").
        Add("ingest (SQLite, end to end; JIT build, compiling as it runs)", j =>
        {
            var r = j.GetProperty("results")[0];
            var rate = r.GetProperty("ArticlesPerSecond").GetDouble();
            return ($"{rate:N0} articles/s ({r.GetProperty("ArticlesPerCpuSecond").GetDouble():N0}/CPU-s) with {r.GetProperty("Stored").GetInt32():N0} stored, peak {r.GetProperty("PeakWorkingSetMiB").GetDouble():N0} MiB", rate >= 5000);
        }, "≥ 5,000/s with 1M stored", "ingest");
        Add("poll cycle", j =>
        {
            var rows = j.GetProperty("rows").EnumerateArray().ToList();
            return (string.Join("; ", rows.Select(r => $"{r.GetProperty("Run").GetString()}: {r.GetProperty("WallSeconds").GetDouble():F1} s wall, {r.GetProperty("CpuSeconds").GetDouble():F1} s CPU")) + $" ({j.GetProperty("feeds").GetInt32():N0} feeds)", null);
        }, "(measured)", "poll");
        Add("digests to SMTP", j =>
        {
            var end = j.GetProperty("rows").EnumerateArray().Last();
            return ($"{end.GetProperty("perSecond").GetDouble():N0} messages/s end to end for {j.GetProperty("subscribers").GetInt32():N0} subscribers, peak {j.GetProperty("peakWorkingSetMiB").GetDouble():N0} MiB", null);
        }, "(measured)", "digest");
        foreach (var (file, where) in new[] { ("rss2email", "bare loopback"), ("rss2email-wan", "distant publishers") })
            foreach (var round in new[] { 0, 1 })
                Add($"end to end vs rss2email, {where}, {(round == 0 ? "first run" : "second run (unchanged feeds)")} (wall ratio)", j =>
                {
                    var r = j.GetProperty("rounds")[round];
                    var ratio = r.GetProperty("ratioWall").GetDouble();
                    var latency = j.GetProperty("latencyMs").GetInt32();
                    var setting = latency > 0 ? $"{j.GetProperty("hosts").GetInt32()} hosts, {latency} ms" : "loopback";
                    var service = r.GetProperty("serviceRatioWall").GetDouble();
                    return ($"{r.GetProperty("rss2email").GetProperty("WallSeconds").GetDouble():F1} s vs `once` {r.GetProperty("monitor").GetProperty("WallSeconds").GetDouble():F1} s = {ratio:F1}×, vs a service cycle {r.GetProperty("service").GetProperty("WallSeconds").GetDouble():F2} s = {service:F1}× ({j.GetProperty("feeds").GetInt32()} feeds, {setting})", Math.Max(ratio, service) >= 50);
                }, "≥ 50×", file);
        Add("idle service resident memory", j =>
        {
            var rss = j.GetProperty("residentMiB").GetDouble();
            return ($"{rss:F0} MiB", rss <= 100);
        }, "≤ 100 MB", "idle");

        var md = new StringBuilder("| Figure | Measured | Goal | Verdict |\n|---|---|---|---|\n");
        foreach (var r in rows) md.Append($"| {r.Figure} | {r.Measured} | {r.Goal} | {r.Verdict} |\n");
        return (rows, md.ToString());
    }
}
