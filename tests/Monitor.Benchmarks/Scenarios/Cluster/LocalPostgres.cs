using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Monitor.Benchmarks.Scenarios.Cluster;

/// <summary>A throwaway PostgreSQL cluster (Debian's binaries, initdb into a temp folder, a free loopback port).</summary>
internal sealed class LocalPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "monitor-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private int _databases;

    private LocalPostgres(string bin) => _bin = bin;

    public int Port { get; private set; }

    public static async Task<LocalPostgres> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL binaries not found: apt-get install -y postgresql");
        var pg = new LocalPostgres(bin);
        Directory.CreateDirectory(pg._root);
        await RunAsync("chown", ["-R", "postgres:postgres", pg._root]);
        await pg.AsPostgresAsync("initdb", ["-D", Path.Combine(pg._root, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        pg.Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await pg.AsPostgresAsync("pg_ctl", ["-D", Path.Combine(pg._root, "data"), "-l", Path.Combine(pg._root, "log"), "-w", "-o",
            $"-p {pg.Port} -k {pg._root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300", "start"]);
        return pg;
    }

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"bench{Interlocked.Increment(ref _databases)}";
        await using var c = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        await c.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", c);
        await cmd.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private string ConnectionString(string db) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={db}";

    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await AsPostgresAsync("pg_ctl", ["-D", Path.Combine(_root, "data"), "-w", "-m", "immediate", "stop"]);
        Directory.Delete(_root, recursive: true);
    }

    private Task AsPostgresAsync(string tool, IReadOnlyList<string> args) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEndAsync();
        _ = p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {await err}");
    }
}
