using Monitor.Worker.Configuration;
using Monitor.Worker.Storage.Postgres;
using Monitor.Worker.Storage.Sql;
using Monitor.Worker.Storage.Sqlite;

namespace Monitor.Worker.Storage;

/// <summary>Builds the configured store. Commands and tests call this; the host goes through <see cref="StorageServiceCollectionExtensions.AddMonitorStorage"/>.</summary>
public static class StoreFactory
{
    public const string DefaultSqliteFile = "monitor.db";

    /// <summary>How long a write waits for a locked SQLite file before <see cref="StoreUnavailableException"/>.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Loads and initialises the storage library the configuration names, with no database touched: a short-lived
    /// command calls it while the rest of its start-up runs, so its first open does not pay for it. Reads only
    /// Monitor:Storage:Provider; an unknown provider is left to validation.
    /// </summary>
    public static void WarmUp(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var provider = configuration[$"{MonitorOptions.SectionName}:Storage:Provider"]?.Trim().ToLowerInvariant() ?? "";
        if (provider is "sqlite" or "") SqliteDialect.WarmUp();
    }

    public static IMonitorStore Create(StorageOptions options, MonitorPaths paths) =>
        Create(options, paths, TimeProvider.System, DefaultBusyTimeout);

    /// <param name="warn">Where problems the store works around in the background are reported (the service's log).</param>
    public static IMonitorStore Create(StorageOptions options, MonitorPaths paths, TimeProvider time, TimeSpan busyTimeout,
        Action<string>? warn = null)
    {
        SqlDialect dialect = options.Provider.Trim().ToLowerInvariant() switch
        {
            "sqlite" or "" => new SqliteDialect(
                paths.UnderData(string.IsNullOrWhiteSpace(options.ConnectionString) ? DefaultSqliteFile : options.ConnectionString),
                busyTimeout, warn),
            "postgres" or "postgresql" => new PostgresDialect(
                string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? throw new ArgumentException("Monitor:Storage:ConnectionString is required when Monitor:Storage:Provider is \"postgres\".", nameof(options))
                    : options.ConnectionString),
            var other => throw new ArgumentException(
                $"Monitor:Storage:Provider \"{other}\" is not known: use \"sqlite\" or \"postgres\".", nameof(options)),
        };
        return new SqlMonitorStore(dialect, time);
    }
}
