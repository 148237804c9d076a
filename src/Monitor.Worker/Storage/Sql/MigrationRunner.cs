using System.Data.Common;

namespace Monitor.Worker.Storage.Sql;

/// <summary>
/// Applies the provider's ordered migrations that the <c>schema_version</c> table does not list yet, each in its own
/// transaction together with its version row: a crash leaves the schema at a whole step, and re-running is a no-op.
/// </summary>
internal static class MigrationRunner
{
    public static async Task<int> RunAsync(SqlDialect dialect, Func<long> nowMs, CancellationToken ct)
    {
        await using var session = await dialect.OpenAsync(write: true, ct);
        try
        {
            return await ApplyAsync(dialect, session, nowMs, ct);
        }
        catch
        {
            session.Faulted = true;
            throw;
        }
    }

    private static async Task<int> ApplyAsync(SqlDialect dialect, Session session, Func<long> nowMs, CancellationToken ct)
    {
        // Every start asks; almost always the answer is "all applied". One read says so, instead of a transaction (and
        // on PostgreSQL a lock) per migration. Migrations only ever add versions, so no lock is needed to trust a yes.
        if (await AllAppliedAsync(dialect, session, ct)) return 0;

        // Under the lock too: two PostgreSQL workers racing on CREATE TABLE IF NOT EXISTS can both try to create it.
        await using (var bootstrap = await dialect.BeginAsync(session, ct))
        {
            await LockAsync(dialect, session, bootstrap, ct);
            await session.Command(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
                bootstrap).ExecuteNonQueryAsync(ct);
            await bootstrap.CommitAsync(ct);
        }

        var applied = 0;
        foreach (var migration in dialect.Migrations.OrderBy(m => m.Version))
        {
            await using var tx = await dialect.BeginAsync(session, ct);
            await LockAsync(dialect, session, tx, ct);
            if (await IsAppliedAsync(session, tx, migration.Version, ct))
            {
                await tx.RollbackAsync(ct);
                continue;
            }
            await session.Command(migration.Sql, tx).ExecuteNonQueryAsync(ct);
            await session.Command("INSERT INTO schema_version (version, name, applied_at) VALUES (@v, @n, @at)", tx)
                .Add("@v", migration.Version).Add("@n", migration.Name).Add("@at", nowMs())
                .ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
            applied++;
        }
        return applied;
    }

    /// <summary>True when schema_version lists every migration; false when it lacks one or does not exist yet (a new
    /// database: the full path below creates it).</summary>
    private static async Task<bool> AllAppliedAsync(SqlDialect dialect, Session session, CancellationToken ct)
    {
        var applied = new HashSet<long>();
        try
        {
            await using var reader = await session.Command("SELECT version FROM schema_version", null).ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) applied.Add(Convert.ToInt64(reader.GetValue(0)));
        }
        catch (DbException)
        {
            return false;
        }
        return dialect.Migrations.All(m => applied.Contains(m.Version));
    }

    private static async Task LockAsync(SqlDialect dialect, Session session, DbTransaction tx, CancellationToken ct)
    {
        if (dialect.MigrationLockSql.Length > 0)
            await session.Command(dialect.MigrationLockSql, tx).ExecuteNonQueryAsync(ct);
    }

    private static async Task<bool> IsAppliedAsync(Session session, DbTransaction tx, int version, CancellationToken ct) =>
        Convert.ToInt64(await session.Command("SELECT COUNT(*) FROM schema_version WHERE version = @v", tx)
            .Add("@v", version).ExecuteScalarAsync(ct)) > 0;
}
