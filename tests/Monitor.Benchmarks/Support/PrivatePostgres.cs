using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Monitor.Benchmarks.Support;

/// <summary>
/// A throwaway PostgreSQL cluster for a benchmark run (the minimal part of the Worker tests' PostgresServer): initdb in a
/// temp folder as the "postgres" user, pg_ctl on a free loopback port, fsync off, removed on dispose. Returns null when
/// the server binaries are not installed, so the scenario reports SQLite alone and says why.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private string Data => Path.Combine(_root, "data");
    public int Port { get; }

    private PrivatePostgres(string bin, string root, int port) { _bin = bin; _root = root; Port = port; }

    public static async Task<PrivatePostgres?> TryStartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        if (bin is null) return null;
        var root = Path.Combine(Path.GetTempPath(), "monitor-bench-pg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(root);
        var server = new PrivatePostgres(bin, root, FreePort());
        await RunAsync("chown", ["-R", "postgres:postgres", root]);
        await server.AsPostgresAsync("initdb", ["-D", server.Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
        await server.AsPostgresAsync("pg_ctl", ["-D", server.Data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o",
            $"-p {server.Port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=256MB", "start"]);
        return server;
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await cmd.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=15;Command Timeout=300";

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await AsPostgresAsync("pg_ctl", ["-D", Data, "-w", "-m", "immediate", "stop"]); }
        finally { if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true); }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    // PostgreSQL refuses to run as root, so as root its tools run as the "postgres" user.
    private Task AsPostgresAsync(string tool, IReadOnlyList<string> args)
    {
        var path = Path.Combine(_bin, tool);
        return Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", path, .. args]) : RunAsync(path, args);
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await stdout} {await stderr}");
    }
}
