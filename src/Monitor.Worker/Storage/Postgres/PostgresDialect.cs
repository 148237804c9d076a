using System.Data.Common;
using System.Net.Sockets;
using Monitor.Worker.Storage.Sql;
using Npgsql;

namespace Monitor.Worker.Storage.Postgres;

/// <summary>
/// PostgreSQL through one pooled <see cref="NpgsqlDataSource"/>. Several workers share the database: migrations take
/// an advisory lock, and claims are conditional UPDATEs (see the outbox). Sets travel as bigint arrays.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    // Any fixed number: every worker migrating the same database waits on the same advisory lock.
    private const long MigrationLockKey = 0x4D6F6E69746F72; // "Monitor"

    private readonly NpgsqlDataSource _dataSource;

    public PostgresDialect(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        DatabaseName = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
        // Server-side prepared statements for the hot, repeated queries (Npgsql prepares them after a few uses).
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 64;
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override string DatabaseName { get; }
    public override IReadOnlyList<Migration> Migrations => PostgresMigrations.All;
    public override string MigrationLockSql => $"SELECT pg_advisory_xact_lock({MigrationLockKey})";

    public override async ValueTask<Session> OpenAsync(bool write, CancellationToken ct)
    {
        var connection = await _dataSource.OpenConnectionAsync(ct);
        return new Session(connection, cache: null, release: _ => connection.DisposeAsync());
    }

    public override async ValueTask<DbTransaction> BeginAsync(Session session, CancellationToken ct) =>
        await session.Connection.BeginTransactionAsync(ct);

    public override string InSet(string column, string parameter) => $"{column} = ANY({parameter})";
    public override string SetRows(string parameter, string alias) => $"unnest({parameter}) AS {alias}(value)";
    public override object SetValue(IReadOnlyCollection<long> values) => values as long[] ?? values.ToArray();

    public override bool IsUnavailable(Exception exception, out string cause)
    {
        cause = exception.Message;
        switch (exception)
        {
            case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
                                        || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) // shutdown, cannot connect now
                                        || pg.SqlState == "53300": // too many connections
                cause = $"server said {pg.SqlState}: {pg.MessageText}";
                return true;
            case PostgresException:
                return false;
            case NpgsqlException npg when npg.InnerException is SocketException or IOException or TimeoutException || npg.IsTransient:
                cause = $"cannot reach the server: {(npg.InnerException ?? npg).Message}";
                return true;
            case SocketException or TimeoutException:
                return true;
            default:
                return false;
        }
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
    public override void Dispose() => _dataSource.Dispose();
}
