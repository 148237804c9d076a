using Monitor.Tests.Shared;

namespace Monitor.Worker.Tests.Support;

/// <summary>
/// The xunit face of <see cref="PostgresCluster"/>: one private cluster shared by every test in the "postgres"
/// collection, so it starts once. Missing binaries fail loudly: CI installs Debian's postgresql.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private PostgresCluster? _cluster;

    private PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The PostgreSQL fixture has not started.");

    public int Port => Cluster.Port;
    public bool Running => Cluster.Running;

    public async Task InitializeAsync() => _cluster = await PostgresCluster.StartAsync("-c max_connections=200");

    /// <summary>Starts the cluster (again, after <see cref="StopAsync"/>); data persists across restarts.</summary>
    public Task StartAsync() => Cluster.StartAsync();

    public Task StopAsync() => Cluster.StopAsync();

    public string ConnectionString(string database) => Cluster.ConnectionString(database);

    /// <summary>A new empty database (one per store under test), returning its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string prefix) => Cluster.CreateDatabaseAsync(prefix);

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
