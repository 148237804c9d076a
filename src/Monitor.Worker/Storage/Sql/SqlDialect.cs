using System.Data.Common;

namespace Monitor.Worker.Storage.Sql;

/// <summary>
/// What differs between SQLite and PostgreSQL. Everything else (the SQL of the store) is shared: both speak
/// <c>INSERT ... ON CONFLICT</c>, <c>RETURNING</c>, <c>LIMIT</c> and named <c>@parameters</c>, and both keep times as
/// unix milliseconds in BIGINT columns.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>Where the data is, for messages (never a password).</summary>
    public abstract string DatabaseName { get; }
    public abstract IReadOnlyList<Migration> Migrations { get; }

    /// <summary>A session for one operation; <paramref name="write"/> asks for the writer session where there is one.</summary>
    public abstract ValueTask<Session> OpenAsync(bool write, CancellationToken ct);
    /// <summary>A session for ingest's lookups, which read committed rows only. By default the writer session (on
    /// PostgreSQL the same as any other); SQLite lends a reader of its own that runs beside the writer.</summary>
    public virtual ValueTask<Session> OpenLookupAsync(CancellationToken ct) => OpenAsync(write: true, ct);

    public abstract ValueTask<DbTransaction> BeginAsync(Session session, CancellationToken ct);

    /// <summary>Gives back what the connections cache between uses (see <see cref="IStoreMaintenance.ReleaseIdleMemory"/>).
    /// PostgreSQL keeps its caches in the server, so by default nothing.</summary>
    public virtual void ReleaseIdleMemory() { }

    /// <summary>Once before migrating: settings kept in the database itself (SQLite's WAL journal).</summary>
    public virtual Task PrepareAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Runs first inside the migration transaction so concurrent starters apply each step once.</summary>
    public abstract string MigrationLockSql { get; }

    /// <summary>A SQL condition "column is one of the set in parameter" for a set passed as one parameter.</summary>
    public abstract string InSet(string column, string parameter);
    /// <summary>A FROM item named <paramref name="alias"/> yielding the set's members as column <c>value</c>.</summary>
    public abstract string SetRows(string parameter, string alias);
    /// <summary>The parameter value carrying a set of integers (JSON text for SQLite, an array for PostgreSQL).</summary>
    public abstract object SetValue(IReadOnlyCollection<long> values);

    /// <summary>
    /// Whether the band key → item lookup is held in this process's memory (<see cref="Sqlite.SqliteCandidateIndex"/>)
    /// instead of an <c>item_bands</c> table. Only where one writer commits ids in order (SQLite): several PostgreSQL
    /// workers may write at once and commit ids out of order, so there the index stays a table.
    /// </summary>
    public virtual bool CandidateIndexInMemory => false;

    /// <summary>Whether an exception means the database is unreachable or locked (as opposed to a bug or bad data).</summary>
    public abstract bool IsUnavailable(Exception exception, out string cause);

    /// <summary>Called when the store is disposed (pools, data sources).</summary>
    public abstract ValueTask DisposeAsync();
    /// <summary>The same, for containers that dispose synchronously.</summary>
    public abstract void Dispose();
}
