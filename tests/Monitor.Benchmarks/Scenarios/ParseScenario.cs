using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Monitor.Core.Feeds;

namespace Monitor.Benchmarks.Scenarios;

/// <summary>
/// Feed parse throughput on the shared corpus (every file of expected.jsonl), ours and Python feedparser's, in the
/// same run on the same bytes: files are loaded into memory first and only parsing is timed (for Python too: the
/// interpreter start and the imports are outside its timer).
/// Both sides run warm-up passes first, then every timed pass is measured on its own and the median pass is reported,
/// with the total. The .NET warm-up lasts at least --warmup passes and --warmup-seconds: tiered compilation replaces
/// the first, unoptimised code over several steps on a background thread, and on a busy 2-core machine that thread
/// gets so little CPU that 8 passes (the earlier fixed warm-up) still timed partly unoptimised code (passes 5-15x
/// slower than the steady state, see docs/performance.md). CPython has no JIT: one warm-up pass suffices.
/// Each pass also records the process's CPU time (both sides), and the CPU ratio is printed next to the wall-clock
/// one: it is far less sensitive to what the neighbours on a shared machine are doing.
/// Options: --iterations N (default 7), --python-iterations N (default 3), --warmup N (default 8; Python gets 1),
/// --warmup-seconds S (default 20), --no-python, --slowest.
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
        var warmupSeconds = IntOption(args, "--warmup-seconds", 20);
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
        var ours = MeasureOurs(contents, iterations, warmup, warmupSeconds, ct);
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
        double? cpuRatio = python is null || ours.MedianCpuSeconds <= 0 ? null : python.MedianCpuSeconds / ours.MedianCpuSeconds;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        Console.WriteLine($"load average during the run: {load} on {Environment.ProcessorCount} cores");
        if (ratio is not null) Console.WriteLine($"ratio (ours / feedparser, MB/s): {ratio:0.0}x");
        if (cpuRatio is not null) Console.WriteLine($"ratio (feedparser / ours, CPU seconds per pass): {cpuRatio:0.0}x");

        var path = ScenarioRunner.WriteJson("parse", new
        {
            scenario = Name,
            files = files.Count,
            bytesPerPass = totalBytes,
            ours,
            python,
            ratio,
            cpuRatio,
            machine = new { Environment.ProcessorCount, loadAverage = load, os = Environment.OSVersion.ToString(), runtime = Environment.Version.ToString() },
        });
        Console.WriteLine($"results: {path}");
        return 0;
    }

    /// <summary>
    /// Bytes and entries are per pass; throughput is computed from the median pass. PassCpuSeconds is the whole
    /// process's CPU time during each pass (for .NET that includes the GC's and the JIT's threads).
    /// </summary>
    public sealed record Measurement(int Iterations, double[] PassSeconds, double[] PassCpuSeconds, long BytesPerPass, long EntriesPerPass, int Failures,
        int WarmupPasses = 0, double WarmupSeconds = 0)
    {
        public double MedianSeconds => PassSeconds.Order().ElementAt(PassSeconds.Length / 2);
        public double MedianCpuSeconds => PassCpuSeconds.Length == 0 ? 0 : PassCpuSeconds.Order().ElementAt(PassCpuSeconds.Length / 2);
        public double TotalSeconds => PassSeconds.Sum();
        public double MBps => BytesPerPass / 1e6 / MedianSeconds;
        public double EntriesPerSecond => EntriesPerPass / MedianSeconds;
    }

    private static Measurement MeasureOurs(List<byte[]> contents, int iterations, int warmup, int warmupSeconds, CancellationToken ct)
    {
        var options = new FeedParseOptions { FetchedAt = DateTimeOffset.UnixEpoch };
        var warming = Stopwatch.StartNew();
        var warmupPasses = 0;
        while (warmupPasses < warmup || warming.Elapsed.TotalSeconds < warmupSeconds)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var c in contents) FeedParser.Parse(c, options);
            warmupPasses++;
        }
        var warmedIn = warming.Elapsed.TotalSeconds;
        long bytes = 0, entries = 0;
        var failures = 0;
        var passes = new double[iterations];
        var cpu = new double[iterations];
        using var self = Process.GetCurrentProcess();
        for (var i = 0; i < iterations; i++)
        {
            ct.ThrowIfCancellationRequested();
            bytes = entries = 0;
            failures = 0;
            self.Refresh();
            var cpuBefore = self.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            foreach (var c in contents)
            {
                var r = FeedParser.Parse(c, options);
                bytes += c.Length;
                if (r.Document is { } d) entries += d.Entries.Count; else failures++;
            }
            passes[i] = sw.Elapsed.TotalSeconds;
            self.Refresh();
            cpu[i] = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
        }
        return new Measurement(iterations, passes, cpu, bytes, entries, failures, warmupPasses, warmedIn);
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
        cpu = []
        for _ in range(iterations):
            start = time.perf_counter()
            cpu_start = time.process_time()
            entries, failures = one_pass()
            passes.append(time.perf_counter() - start)
            cpu.append(time.process_time() - cpu_start)
        print(json.dumps({"passes": passes, "cpu": cpu, "bytes": sum(len(c) for c in contents), "entries": entries, "failures": failures}))
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
            return new Measurement(iterations, root.GetProperty("passes").EnumerateArray().Select(p => p.GetDouble()).ToArray(),
                root.GetProperty("cpu").EnumerateArray().Select(p => p.GetDouble()).ToArray(), root.GetProperty("bytes").GetInt64(),
                root.GetProperty("entries").GetInt64(), root.GetProperty("failures").GetInt32(), warmup, 0);
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
        Console.WriteLine($"{name,-22} median pass {m.MedianSeconds:0.000} s of {m.Iterations} (total {m.TotalSeconds:0.0} s, CPU {m.MedianCpuSeconds:0.000} s, "
            + $"after {m.WarmupPasses} warm-up passes): {m.MBps,8:0.00} MB/s {m.EntriesPerSecond,10:0} entries/s ({m.EntriesPerPass} entries, {m.Failures} files rejected per pass)");

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
