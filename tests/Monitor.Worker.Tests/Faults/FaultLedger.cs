using System.Text;
using Monitor.Tests.Support;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Monitor.Worker.Tests.Faults;

/// <summary>
/// The fault suite's tally. Each fault test records the failures it injected and what it counted afterwards (items
/// lost, digests sent twice, resends inside the documented window); when the collection ends the fixture prints one
/// summary line to the test output and to TestResults/fault-summary.txt, so the README can quote a real run.
/// Counters are static because xunit builds a test class per case; the fixture only decides when to print.
/// </summary>
public sealed class FaultLedger : IDisposable
{
    private static long _cases;
    private static long _survived;
    private static long _lost;
    private static long _duplicates;
    private static long _resends;
    private static long _fuzzed;
    private readonly IMessageSink _sink;

    public FaultLedger(IMessageSink sink) => _sink = sink;

    /// <summary>A fault was injected: counted as tried now, as survived only when <see cref="Survived"/> follows.</summary>
    public static void Tried(int faults = 1) => Interlocked.Add(ref _cases, faults);

    /// <summary>The test checked that the service came through the injected faults with nothing lost.</summary>
    public static void Survived(int faults = 1) => Interlocked.Add(ref _survived, faults);

    /// <summary>Called with what a test counted before it asserts, so a failing run still reports its losses.</summary>
    public static void Observed(int lost = 0, int duplicates = 0, int resendsInWindow = 0)
    {
        Interlocked.Add(ref _lost, lost);
        Interlocked.Add(ref _duplicates, duplicates);
        Interlocked.Add(ref _resends, resendsInWindow);
    }

    /// <summary>Mutated documents the parser survived: reported apart, so they do not swell the count of cases.</summary>
    public static void Fuzzed(int inputs) => Interlocked.Add(ref _fuzzed, inputs);

    public static string SummaryLine() =>
        $"fault suite: {Interlocked.Read(ref _cases)} cases tried, {Interlocked.Read(ref _survived)} failures survived, " +
        $"items lost: {Interlocked.Read(ref _lost)}, duplicates sent: {Interlocked.Read(ref _duplicates)} " +
        $"(resends of the same Message-ID inside the documented window: {Interlocked.Read(ref _resends)}; " +
        $"mutated feeds parsed without escape: {Interlocked.Read(ref _fuzzed)})";

    public void Dispose()
    {
        var line = SummaryLine();
        _sink.OnMessage(new DiagnosticMessage(line));
        Console.WriteLine(line);
        try
        {
            var folder = Path.Combine(TestPaths.RepoRoot, "TestResults");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "fault-summary.txt"),
                $"{line}\nwritten {DateTimeOffset.UtcNow:u} by the Fault tests of Monitor.Worker.Tests\n", Encoding.UTF8);
        }
        catch (IOException ex)
        {
            _sink.OnMessage(new DiagnosticMessage($"fault summary not written: {ex.Message}"));
        }
    }
}

/// <summary>The fault tests start processes, servers and mounts: one at a time, with the ledger that sums them up.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection : ICollectionFixture<FaultLedger>
{
    public const string Name = "faults";
}
