using System.Diagnostics;
using System.Text;
using Monitor.Core.Text;

namespace Monitor.Benchmarks.Scenarios;

/// <summary>Text analysis throughput (normalise + tokenise + stem) in MB/s of UTF-8 input over ~10 MB of seed text.</summary>
public sealed class AnalyzeScenario : IScenario
{
    public string Name => "analyze";
    public string Description => "Arabic analysis throughput, MB/s over the seed texts replicated to ~10 MB [--mb N] [--rounds N] [--fresh]";

    public Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var mb = ArgValue(args, "--mb", 10);
        var rounds = ArgValue(args, "--rounds", 5);
        var docs = SeedCorpus.Replicate(mb * 1024L * 1024L, seed: 42);
        // --fresh: every Arabic word gets a seeded two-letter tail, so almost no word repeats and the per-thread
        // word cache cannot help (the worst case: every token normalised and stemmed from scratch).
        if (args.Contains("--fresh")) docs = Freshen(docs, seed: 43);
        var bytes = docs.Sum(d => (long)Encoding.UTF8.GetByteCount(d));
        long tokens = 0;
        foreach (var d in docs.Take(200)) tokens += TextAnalyzer.Analyze(d).Tokens.Count; // warm-up (JIT, word cache)

        var rates = new List<double>();
        for (var r = 0; r < rounds && !ct.IsCancellationRequested; r++)
        {
            tokens = 0;
            var sw = Stopwatch.StartNew();
            foreach (var d in docs) tokens += TextAnalyzer.Analyze(d).Tokens.Count;
            sw.Stop();
            rates.Add(bytes / 1024.0 / 1024.0 / sw.Elapsed.TotalSeconds);
        }
        var sorted = rates.Order().ToList();
        var median = sorted[sorted.Count / 2];
        Console.WriteLine($"analyze: {bytes / 1024.0 / 1024.0:F1} MB, {docs.Count} paragraphs, {tokens} tokens per round");
        Console.WriteLine($"  rounds (MB/s): {string.Join(", ", rates.Select(x => x.ToString("F1")))}");
        Console.WriteLine($"  median: {median:F1} MB/s   ({tokens / (bytes / 1024.0 / 1024.0 / median) / 1e6:F2} M tokens/s)");
        var path = ScenarioRunner.WriteJson(args.Contains("--fresh") ? Name + "-fresh" : Name, new { fresh = args.Contains("--fresh"), megabytes = bytes / 1048576.0, paragraphs = docs.Count, tokens, roundsMBps = rates, medianMBps = median });
        Console.WriteLine($"  written {path}");
        return Task.FromResult(0);
    }

    private static List<string> Freshen(List<string> docs, int seed)
    {
        var rng = new Random(seed);
        const string letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي";
        return docs.Select(d =>
        {
            var sb = new StringBuilder(d.Length + d.Length / 3);
            for (var i = 0; i < d.Length; i++)
            {
                sb.Append(d[i]);
                var endOfArabicWord = d[i] is >= '\u0621' and <= '\u064A' && (i + 1 == d.Length || d[i + 1] is ' ' or '\n' or '،' or '.');
                if (endOfArabicWord) sb.Append(letters[rng.Next(letters.Length)]).Append(letters[rng.Next(letters.Length)]);
            }
            return sb.ToString();
        }).ToList();
    }

    internal static int ArgValue(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
