using System.Diagnostics;
using Npgsql;

namespace Monitor.Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL cluster: initdb into a temp folder as the non-root "postgres" user, started with pg_ctl on a
/// free loopback port (its socket in the same folder, fsync off), removed on dispose. It can be stopped and started
/// again with its data kept, which is how the tests take the database away from a running service.
/// The one copy of this logic: linked into the Worker tests (their xunit fixture wraps it) and the benchmarks.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly string _serverSettings;
    private readonly string _clientSettings;
    private int _databases;

    private PostgresCluster(string bin, string root, int port, string serverSettings, string clientSettings)
    {
        _bin = bin;
        _root = root;
        Port = port;
        _serverSettings = serverSettings;
        _clientSettings = clientSettings;
    }

    public int Port { get; }
    public bool Running { get; private set; }
    private string Data => Path.Combine(_root, "data");

    /// <summary>The newest server binaries under /usr/lib/postgresql/*/bin, or null when Debian's postgresql is not installed.</summary>
    public static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        return Directory.Exists(root)
            ? Directory.GetDirectories(root).OrderDescending(StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
    }

    /// <summary>
    /// Creates and starts a cluster. <paramref name="serverSettings"/> are extra <c>-c name=value</c> options for the
    /// server, <paramref name="clientSettings"/> what every connection string ends with (timeouts).
    /// Throws with the install command when the binaries are missing.
    /// </summary>
    public static async Task<PostgresCluster> StartAsync(string serverSettings = "", string clientSettings = "Timeout=5;Command Timeout=30")
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: install them with `apt-get install -y postgresql`.");
        var root = Path.Combine(Path.GetTempPath(), "monitor-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var cluster = new PostgresCluster(bin, root, LoopbackPort.Free(), serverSettings, clientSettings);
        try
        {
            await RunAsync("chown", ["-R", "postgres:postgres", root]);
            await cluster.AsPostgresAsync("initdb", ["-D", cluster.Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
            await cluster.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>); data persists across restarts.</summary>
    public async Task StartAsync()
    {
        await AsPostgresAsync("pg_ctl",
            ["-D", Data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o",
             $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off {_serverSettings}".TrimEnd(), "start"]);
        Running = true;
    }

    /// <summary>A fast shutdown: open sessions are ended, as when an operator restarts the server.</summary>
    public async Task StopAsync()
    {
        await AsPostgresAsync("pg_ctl", ["-D", Data, "-w", "-m", "fast", "stop"]);
        Running = false;
        NpgsqlConnection.ClearAllPools();
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};{_clientSettings}";

    /// <summary>A new empty database: <paramref name="prefix"/>, a counter and a GUID, cut to 40 characters; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await cmd.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (Running) await AsPostgresAsync("pg_ctl", ["-D", Data, "-w", "-m", "immediate", "stop"]);
        }
        finally
        {
            Running = false;
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }
    }

    // PostgreSQL refuses to run as root (CI runs as root), so as root its tools run as the "postgres" user.
    private Task AsPostgresAsync(string tool, IReadOnlyList<string> args)
    {
        var path = Path.Combine(_bin, tool);
        return Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", path, .. args]) : RunAsync(path, args);
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
    }
}
