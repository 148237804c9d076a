using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Cluster;

/// <summary>One `monitor run` worker process of a test cluster: its log lines, and its Quartz node id once it is ready.</summary>
public sealed partial class ClusterNode : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ClusterNode(Process process, string name)
    {
        _process = process;
        Name = name;
        _process.OutputDataReceived += (_, e) => Take(e.Data);
        _process.ErrorDataReceived += (_, e) => Take(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }
    public bool Killed { get; private set; }
    public string Log => string.Join('\n', _lines);
    public bool HasExited => _process.HasExited;

    public static ClusterNode Start(string name, string configPath, IDictionary<string, string> env) =>
        new(Process.Start(MonitorProcess.StartInfo(["run", "--config", configPath], env: env))!, name);

    /// <summary>The Quartz instance id the node logs when its scheduler is ready.</summary>
    public async Task<string> InstanceIdAsync(TimeSpan timeout)
    {
        var done = await Task.WhenAny(_ready.Task, Task.Delay(timeout));
        if (done != _ready.Task) throw new TimeoutException($"{Name} did not become ready:\n{Log}");
        return await _ready.Task;
    }

    /// <summary>SIGKILL: no shutdown hook runs, the node simply stops checking in.</summary>
    public void Kill()
    {
        Killed = true;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); _process.WaitForExit(10_000); } catch (InvalidOperationException) { }
        }
        _process.Dispose();
    }

    private void Take(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        var ready = ReadyLine().Match(line);
        if (ready.Success) _ready.TrySetResult(ready.Groups["id"].Value);
    }

    [GeneratedRegex(@"Scheduler ready: node (?<id>\S+) of ")]
    private static partial Regex ReadyLine();
}
