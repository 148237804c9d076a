using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Monitor.Worker.Tests.Support;

/// <summary>
/// A private PostgreSQL cluster for the test run: initdb into a temp folder as the non-root "postgres" user, started
/// with pg_ctl on a free loopback port (its socket in the same folder), removed on dispose. Shared by every test in
/// the "postgres" collection, so it starts once. Missing binaries fail loudly: CI installs Debian's postgresql.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string _bin = "";
    private string _root = "";
    private string _data = "";
    private int _databases;

    public int Port { get; private set; }
    public bool Running { get; private set; }

    public async Task InitializeAsync()
    {
        _bin = FindBinaries();
        _root = Path.Combine(Path.GetTempPath(), "monitor-pg-" + Guid.NewGuid().ToString("N")[..12]);
        _data = Path.Combine(_root, "data");
        Directory.CreateDirectory(_root);
        await RunAsync("chown", ["-R", "postgres:postgres", _root]);
        await AsPostgresAsync(Path.Combine(_bin, "initdb"), ["-D", _data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
        Port = FreePort();
        await StartAsync();
    }

    /// <summary>Starts the cluster (again, after <see cref="StopAsync"/>); data persists across restarts.</summary>
    public async Task StartAsync()
    {
        await AsPostgresAsync(Path.Combine(_bin, "pg_ctl"),
            ["-D", _data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o",
             $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"]);
        Running = true;
    }

    public async Task StopAsync()
    {
        await AsPostgresAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-w", "-m", "fast", "stop"]);
        Running = false;
        NpgsqlConnection.ClearAllPools();
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5;Command Timeout=30";

    /// <summary>A new empty database (one per store under test), returning its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await cmd.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Running)
            await AsPostgresAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-w", "-m", "immediate", "stop"]);
        if (_root.Length > 0 && Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static string FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).OrderByDescending(d => d, StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: install them with `apt-get install -y postgresql`.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    // We run as root in CI; PostgreSQL refuses to run as root, so its tools run as the "postgres" user.
    private static Task AsPostgresAsync(string tool, IReadOnlyList<string> args) =>
        Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", tool, .. args]) : RunAsync(tool, args);

    private static async Task RunAsync(string file, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
