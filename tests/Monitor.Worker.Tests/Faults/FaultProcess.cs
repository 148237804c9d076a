using System.Diagnostics;
using System.Text;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Faults;

/// <summary>
/// A real <c>monitor</c> process watched from outside: its peak resident memory is read from /proc/PID/status
/// (VmHWM) while it runs, since a process that has exited has no /proc entry left to ask; it can be SIGKILLed at any moment.
/// </summary>
public sealed class FaultProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;
    private readonly Task _sampler;
    private readonly CancellationTokenSource _stopSampling = new();
    private long _peakBytes;

    private FaultProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Close();
        _sampler = SampleAsync(_stopSampling.Token);
    }

    public int Id => _process.Id;

    /// <summary>The highest VmHWM seen (bytes): the process's peak resident set up to the last sample.</summary>
    public long PeakBytes => Interlocked.Read(ref _peakBytes);

    public bool HasExited => _process.HasExited;

    public static FaultProcess Start(IEnumerable<string> args, IDictionary<string, string>? env = null) =>
        new(Process.Start(MonitorProcess.StartInfo(args, env: env))!);

    public static async Task<(MonitorProcess.Result Result, long PeakBytes)> RunAsync(IEnumerable<string> args, TimeSpan timeout, IDictionary<string, string>? env = null)
    {
        await using var process = Start(args, env);
        var result = await process.WaitAsync(timeout);
        return (result, process.PeakBytes);
    }

    public async Task<MonitorProcess.Result> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"monitor did not finish in {timeout}; stdout so far: {await _stdout}\nstderr: {await _stderr}");
        }
        await StopSamplingAsync();
        return new MonitorProcess.Result(_process.ExitCode, await _stdout, await _stderr);
    }

    /// <summary>SIGKILL: no finally block, no flush, no disposal runs in the process.</summary>
    public async Task KillAsync()
    {
        try { _process.Kill(entireProcessTree: false); }
        catch (InvalidOperationException) { /* it had already exited */ }
        await _process.WaitForExitAsync();
        await StopSamplingAsync();
    }

    /// <summary>Output so far (complete once the process has exited).</summary>
    public async Task<string> StdErrAsync() => _process.HasExited ? await _stderr : "";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        await StopSamplingAsync();
        _process.Dispose();
        _stopSampling.Dispose();
    }

    private async Task StopSamplingAsync()
    {
        _stopSampling.Cancel();
        try { await _sampler; } catch (OperationCanceledException) { }
    }

    private async Task SampleAsync(CancellationToken ct)
    {
        var status = $"/proc/{_process.Id}/status";
        while (!ct.IsCancellationRequested)
        {
            try
            {
                foreach (var line in await File.ReadAllLinesAsync(status, Encoding.ASCII, ct))
                {
                    if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                    var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]);
                    if (kb * 1024 > Interlocked.Read(ref _peakBytes)) Interlocked.Exchange(ref _peakBytes, kb * 1024);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return; // the process is gone
            }
            await Task.Delay(50, ct);
        }
    }
}
