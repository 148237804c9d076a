using System.Diagnostics;
using Monitor.Benchmarks.Support;

namespace Monitor.Benchmarks.Scenarios;

/// <summary>
/// The whole set in one run, in an order that keeps the heavy scenarios apart, then one summary table against the
/// issue's goals (artifacts/benchmarks/summary.md and summary.json). `--quick` runs every scenario at a fraction of the
/// issue's sizes (for a smoke run); without it the sizes are the issue's (1M stored, 5,000 feeds, 10,000 subscribers).
/// A scenario that fails is reported and the rest still run.
/// </summary>
public sealed class AllScenario : IScenario
{
    public string Name => "all";
    public string Description => "runs every scenario and writes a summary table against the goals [--quick] [--pg]";

    public async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var quick = Args.Flag(args, "--quick");
        string[] pg = Args.Flag(args, "--pg") ? ["--pg"] : [];
        var plan = new (IScenario Scenario, string[] Args)[]
        {
            (new ParseScenario(), []),
            (new AnalyzeScenario(), quick ? ["--mb", "2"] : []),
            (new TagScenario(), []),
            (new DedupScenario(), quick ? ["--items", "100000"] : ["--items", "1000000"]),
            (new IngestScenario(), quick ? ["--stored", "100000", "--articles", "2000", "--profile", "500", .. pg] : ["--stored", "1000000", .. pg]),
            (new PollScenario(), quick ? ["--feeds", "1000"] : ["--feeds", "5000"]),
            (new DigestScenario(), quick ? ["--subscribers", "1000"] : ["--subscribers", "10000"]),
            (new Rss2EmailScenario(), quick ? ["--feeds", "50"] : ["--feeds", "200"]),
            // The same comparison with feeds that answer like distant news sites (200 ms, 50 publishers).
            (new Rss2EmailScenario(), quick ? ["--feeds", "50", "--latency-ms", "200", "--hosts", "25"] : ["--feeds", "200", "--latency-ms", "200", "--hosts", "50"]),
            (new IdleScenario(), []),
        };
        var runs = new List<object>();
        foreach (var (scenario, scenarioArgs) in plan)
        {
            ct.ThrowIfCancellationRequested();
            Console.WriteLine($"=== {scenario.Name} {string.Join(' ', scenarioArgs)}   (load {MachineInfo.LoadAverage()})");
            var watch = Stopwatch.StartNew();
            int exit;
            try { exit = await scenario.RunAsync(scenarioArgs, ct); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Console.WriteLine($"{scenario.Name} failed: {ex.Message}");
                exit = -1;
            }
            runs.Add(new { scenario = scenario.Name, args = scenarioArgs, exit, seconds = Math.Round(watch.Elapsed.TotalSeconds) });
            Console.WriteLine();
        }
        var summary = Summary.Build();
        Console.WriteLine(summary.Markdown);
        File.WriteAllText(Path.Combine(ScenarioRunner.FindRepoRoot(), "artifacts", "benchmarks", "summary.md"), summary.Markdown);
        Console.WriteLine($"written {ScenarioRunner.WriteJson("summary", new { quick, runs, rows = summary.Rows, machine = MachineInfo.Describe() })}");
        return 0;
    }
}
