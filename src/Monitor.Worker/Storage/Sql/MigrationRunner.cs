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
        await using var connection = await dialect.OpenAsync(ct);
        // Under the lock too: two PostgreSQL workers racing on CREATE TABLE IF NOT EXISTS can both try to create it.
        await using (var bootstrap = await dialect.BeginAsync(connection, ct))
        {
            await LockAsync(dialect, connection, bootstrap, ct);
            await using (var create = Db.Command(connection, bootstrap,
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"))
                await create.ExecuteNonQueryAsync(ct);
            await bootstrap.CommitAsync(ct);
        }

        var applied = 0;
        foreach (var migration in dialect.Migrations.OrderBy(m => m.Version))
        {
            await using var tx = await dialect.BeginAsync(connection, ct);
            await LockAsync(dialect, connection, tx, ct);
            if (await IsAppliedAsync(connection, tx, migration.Version, ct))
            {
                await tx.RollbackAsync(ct);
                continue;
            }
            await using (var step = Db.Command(connection, tx, migration.Sql))
                await step.ExecuteNonQueryAsync(ct);
            await using (var record = Db.Command(connection, tx,
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@v, @n, @at)"))
            {
                record.Add("@v", migration.Version).Add("@n", migration.Name).Add("@at", nowMs());
                await record.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
            applied++;
        }
        return applied;
    }

    private static async Task LockAsync(SqlDialect dialect, DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        if (dialect.MigrationLockSql.Length == 0) return;
        await using var cmd = Db.Command(connection, tx, dialect.MigrationLockSql);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<bool> IsAppliedAsync(DbConnection connection, DbTransaction tx, int version, CancellationToken ct)
    {
        await using var cmd = Db.Command(connection, tx, "SELECT COUNT(*) FROM schema_version WHERE version = @v");
        cmd.Add("@v", version);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct)) > 0;
    }
}
