namespace Monitor.Worker.Storage;

/// <summary>
/// The database could not be reached or stayed locked past the timeout. Callers record it, report it and retry later;
/// it is never turned into "no work" (an empty answer would hide an outage).
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string database, string cause, Exception? inner = null)
        : base($"The store '{database}' is unavailable: {cause}", inner)
    {
        Database = database;
        Cause = cause;
    }

    /// <summary>Which database: the SQLite file path, or PostgreSQL host/port/database (never the password).</summary>
    public string Database { get; }
    public string Cause { get; }
}
