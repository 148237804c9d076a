namespace Monitor.Benchmarks.Support;

/// <summary>
/// Counts only the measured part of a run under <c>perf stat</c>: with MONITOR_BENCH_PERF_CTL=CTL,ACK (two FIFOs passed
/// to <c>perf stat --delay=-1 --control fifo:CTL,ACK</c>) the scenario enables perf's counters right before its
/// measured loop and disables them after, waiting for perf's acknowledgement each time. Instructions counted this way
/// do not depend on how busy the machine is, unlike CPU time. Without the variable this does nothing.
/// </summary>
public static class PerfControl
{
    private static readonly string[]? Fifos = Environment.GetEnvironmentVariable("MONITOR_BENCH_PERF_CTL")?.Split(',');

    public static void Enable() => Send("enable");

    public static void Disable() => Send("disable");

    private static void Send(string command)
    {
        if (Fifos is not [var control, var ack]) return;
        using (var writer = new StreamWriter(control)) writer.Write(command + "\n");
        using var reader = new StreamReader(ack);
        reader.ReadLine();
    }
}
