using System.Globalization;
using System.Text.Json;
using Monitor.Core.Feeds;
using Monitor.Tests.Support;

namespace Monitor.Core.Tests.Feeds.Conformance;

/// <summary>Runs every expectation of the shared feed corpus (expected.jsonl and dates.jsonl) and keeps the outcomes.</summary>
public sealed class ConformanceRun
{
    public required IReadOnlyList<ConformanceCheck> Checks { get; init; }
    public required IReadOnlyList<(string Input, string? Expected, string? Actual, bool Passed)> Dates { get; init; }

    public static ConformanceRun Execute()
    {
        var root = TestPaths.Corpus("feeds");
        var checks = new List<ConformanceCheck>();
        foreach (var line in File.ReadLines(Path.Combine(root, "expected.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var json = JsonDocument.Parse(line);
            checks.AddRange(ConformanceEvaluator.Evaluate(json.RootElement, root));
        }
        var dates = new List<(string, string?, string?, bool)>();
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        foreach (var line in File.ReadLines(Path.Combine(root, "dates.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var json = JsonDocument.Parse(line);
            var input = json.RootElement.GetProperty("input").GetString()!;
            var expectedEl = json.RootElement.GetProperty("expected_utc");
            var expected = expectedEl.ValueKind == JsonValueKind.String ? expectedEl.GetString() : null;
            var ok = FeedDateParser.TryParse(input, TimeZoneInfo.Utc, now, out var utc);
            var actual = ok ? utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : null;
            var passed = expected is null ? !ok : ok && Truncate(expected) == actual;
            dates.Add((input, expected, actual, passed));
        }
        return new ConformanceRun { Checks = checks, Dates = dates };
    }

    private static string Truncate(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public double PrimaryRate => Rate(Checks.Where(c => c.Primary));
    public double DateRate => Dates.Count == 0 ? 0 : (double)Dates.Count(d => d.Passed) / Dates.Count;

    public static double Rate(IEnumerable<ConformanceCheck> checks)
    {
        var list = checks.ToList();
        return list.Count == 0 ? 1 : (double)list.Count(c => c.Passed) / list.Count;
    }
}
