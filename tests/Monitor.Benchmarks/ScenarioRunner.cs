using System.Reflection;
using System.Text.Json;

namespace Monitor.Benchmarks;

public static class ScenarioRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var scenarios = typeof(ScenarioRunner).Assembly.GetTypes()
            .Where(t => typeof(IScenario).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IScenario)Activator.CreateInstance(t)!)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        if (args.Length == 0 || args[0] is "-h" or "--help" or "list")
        {
            Console.WriteLine("Scenarios:");
            foreach (var s in scenarios) Console.WriteLine($"  {s.Name,-14} {s.Description}");
            return args.Length == 0 ? 2 : 0;
        }
        var scenario = scenarios.FirstOrDefault(s => s.Name == args[0]);
        if (scenario is null)
        {
            Console.Error.WriteLine($"Unknown scenario '{args[0]}'. Run with --help for the list.");
            return 2;
        }
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        return await scenario.RunAsync(args[1..], cts.Token);
    }

    /// <summary>Writes a scenario's results as JSON under artifacts/benchmarks/NAME.json and returns the path.</summary>
    public static string WriteJson(string name, object results)
    {
        var dir = Path.Combine(FindRepoRoot(), "artifacts", "benchmarks");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + ".json");
        string json;
        try
        {
            json = JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true });
        }
        catch (Exception ex) when (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)
        {
            // A native build of the benchmarks (to measure the shipped code generation) cannot serialise every
            // anonymous result shape by reflection; the printed table is the result then.
            return $"nothing: the native build cannot write this JSON ({ex.GetType().Name}); the table above is the result";
        }
        File.WriteAllText(path, json);
        return path;
    }

    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
