using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Monitor.Core.Feeds;

namespace Monitor.Benchmarks.Scenarios;

/// <summary>
/// Feed parse throughput on the shared corpus (every file of expected.jsonl), ours and Python feedparser's, in the
/// same run on the same bytes: files are loaded into memory first and only parsing is timed (for Python too: the
/// interpreter start and the imports are outside its timer).
/// Both sides run warm-up passes first (the .NET JIT needs several passes to reach its optimised tier, more so on a
/// busy machine), then every timed pass is measured on its own and the median pass is reported, with the total.
/// Options: --iterations N (default 7), --python-iterations N (default 3), --warmup N (default 8; Python gets 1), --no-python, --slowest.
/// </summary>
public sealed class ParseScenario : IScenario
{
    public string Name => "parse";
    public string Description => "Feed parse throughput (MB/s, entries/s) on the corpus, side by side with Python feedparser";

    public async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var iterations = IntOption(args, "--iterations", 7);
        var pyIterations = IntOption(args, "--python-iterations", 3);
        var warmup = IntOption(args, "--warmup", 8);
        var corpus = FindCorpus();
        if (corpus is null)
        {
            Console.Error.WriteLine("shared/corpus/feeds not found; set MONITOR_SHARED");
            return 2;
        }
        var files = File.ReadLines(Path.Combine(corpus, "expected.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => Path.Combine(corpus, JsonDocument.Parse(l).RootElement.GetProperty("file").GetString()!))
            .ToList();
        var contents = files.Select(File.ReadAllBytes).ToList();
        long totalBytes = contents.Sum(c => (long)c.Length);

        if (args.Contains("--slowest")) PrintSlowest(files, contents);
        var ours = MeasureOurs(contents, iterations, warmup, ct);
        Console.WriteLine($"files: {files.Count}, {totalBytes / 1e6:0.00} MB per pass");
        Print("Monitor FeedParser", ours);

        Measurement? python = null;
        if (!args.Contains("--no-python"))
        {
            python = await MeasurePythonAsync(files, pyIterations, Math.Min(warmup, 1), ct);
            if (python is null) Console.WriteLine("Python feedparser: not available (apt-get install -y python3-feedparser)");
            else Print("Python feedparser 6", python);
        }
        double? ratio = python is null ? null : ours.MBps / python.MBps;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        Console.WriteLine($"load average during the run: {load} on {Environment.ProcessorCount} cores");
        if (ratio is not null) Console.WriteLine($"ratio (ours / feedparser, MB/s): {ratio:0.0}x");

        var path = ScenarioRunner.WriteJson("parse", new
        {
            scenario = Name,
            files = files.Count,
            bytesPerPass = totalBytes,
            ours,
            python,
            ratio,
            machine = new { Environment.ProcessorCount, loadAverage = load, os = Environment.OSVersion.ToString(), runtime = Environment.Version.ToString() },
        });
        Console.WriteLine($"results: {path}");
        return 0;
    }

    /// <summary>Bytes and entries are per pass; throughput is computed from the median pass.</summary>
    public sealed record Measurement(int Iterations, double[] PassSeconds, long BytesPerPass, long EntriesPerPass, int Failures)
    {
        public double MedianSeconds => PassSeconds.Order().ElementAt(PassSeconds.Length / 2);
        public double TotalSeconds => PassSeconds.Sum();
        public double MBps => BytesPerPass / 1e6 / MedianSeconds;
        public double EntriesPerSecond => EntriesPerPass / MedianSeconds;
    }

    private static Measurement MeasureOurs(List<byte[]> contents, int iterations, int warmup, CancellationToken ct)
    {
        var options = new FeedParseOptions { FetchedAt = DateTimeOffset.UnixEpoch };
        for (var w = 0; w < warmup; w++)
            foreach (var c in contents) FeedParser.Parse(c, options);
        long bytes = 0, entries = 0;
        var failures = 0;
        var passes = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            ct.ThrowIfCancellationRequested();
            bytes = entries = 0;
            failures = 0;
            var sw = Stopwatch.StartNew();
            foreach (var c in contents)
            {
                var r = FeedParser.Parse(c, options);
                bytes += c.Length;
                if (r.Document is { } d) entries += d.Entries.Count; else failures++;
            }
            passes[i] = sw.Elapsed.TotalSeconds;
        }
        return new Measurement(iterations, passes, bytes, entries, failures);
    }

    private const string PythonScript = """
        import sys, json, time
        import feedparser
        paths = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
        iterations = int(sys.argv[2])
        contents = [open(p, "rb").read() for p in paths]
        def one_pass():
            entries = failures = 0
            for c in contents:
                try:
                    entries += len(feedparser.parse(c).entries)
                except Exception:
                    failures += 1
            return entries, failures
        for _ in range(int(sys.argv[3])):
            one_pass()  # warm-up, like the .NET side
        passes = []
        for _ in range(iterations):
            start = time.perf_counter()
            entries, failures = one_pass()
            passes.append(time.perf_counter() - start)
        print(json.dumps({"passes": passes, "bytes": sum(len(c) for c in contents), "entries": entries, "failures": failures}))
        """;

    private static async Task<Measurement?> MeasurePythonAsync(List<string> files, int iterations, int warmup, CancellationToken ct)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python)) return null;
        var dir = Directory.CreateTempSubdirectory("monitor-parse-bench-");
        try
        {
            var script = Path.Combine(dir.FullName, "bench_feedparser.py");
            var list = Path.Combine(dir.FullName, "files.txt");
            await File.WriteAllTextAsync(script, PythonScript, ct);
            await File.WriteAllLinesAsync(list, files, ct);
            var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(script);
            psi.ArgumentList.Add(list);
            psi.ArgumentList.Add(iterations.ToString(CultureInfo.InvariantCulture));
            psi.ArgumentList.Add(warmup.ToString(CultureInfo.InvariantCulture));
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"feedparser run failed ({process.ExitCode}): {(await stderr).Trim()}");
                return null;
            }
            using var json = JsonDocument.Parse((await stdout).Trim().Split('\n')[^1]);
            var root = json.RootElement;
            return new Measurement(iterations, root.GetProperty("passes").EnumerateArray().Select(p => p.GetDouble()).ToArray(), root.GetProperty("bytes").GetInt64(),
                root.GetProperty("entries").GetInt64(), root.GetProperty("failures").GetInt32());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Profiling aid: the ten files that take longest to parse.</summary>
    private static void PrintSlowest(List<string> files, List<byte[]> contents)
    {
        var options = new FeedParseOptions { FetchedAt = DateTimeOffset.UnixEpoch };
        var times = new List<(double Ms, string File, int Bytes)>();
        for (var i = 0; i < contents.Count; i++)
        {
            FeedParser.Parse(contents[i], options);
            var sw = Stopwatch.StartNew();
            FeedParser.Parse(contents[i], options);
            times.Add((sw.Elapsed.TotalMilliseconds, files[i], contents[i].Length));
        }
        foreach (var t in times.OrderByDescending(t => t.Ms).Take(10))
            Console.WriteLine($"{t.Ms,9:0.00} ms {t.Bytes,9} B  {t.File}");
    }

    private static void Print(string name, Measurement m) =>
        Console.WriteLine($"{name,-22} median pass {m.MedianSeconds:0.000} s of {m.Iterations} (total {m.TotalSeconds:0.0} s): {m.MBps,8:0.00} MB/s {m.EntriesPerSecond,10:0} entries/s ({m.EntriesPerPass} entries, {m.Failures} files rejected per pass)");

    private static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) && v > 0 ? v : fallback;
    }

    private static string? FindCorpus()
    {
        var env = Environment.GetEnvironmentVariable("MONITOR_SHARED");
        if (!string.IsNullOrEmpty(env)) return Path.Combine(env, "corpus", "feeds");
        for (var dir = new DirectoryInfo(ScenarioRunner.FindRepoRoot()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus", "feeds");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
