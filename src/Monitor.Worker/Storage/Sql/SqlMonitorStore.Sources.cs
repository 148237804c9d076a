using System.Data.Common;

namespace Monitor.Worker.Storage.Sql;

internal sealed partial class SqlMonitorStore
{
    private const string SourceColumns =
        "id, name, url, type, interval_ms, time_zone, is_primary, enabled, selectors_json, etag, last_modified, " +
        "last_attempt_at, last_success_at, last_new_item_at, consecutive_failures, last_error, next_poll_at, identity_mode, block_private";

    // The configuration owns the definition columns; the fetch state stays. The URL a permanent redirect moved the
    // source to is kept until the operator changes the configured URL (configured_url tells the two apart).
    private const string UpsertSourceSql = """
        INSERT INTO sources (id, name, url, configured_url, type, interval_ms, time_zone, is_primary, enabled, selectors_json, block_private)
        VALUES (@id, @name, @url, @url, @type, @interval, @tz, @primary, @enabled, @selectors, @block)
        ON CONFLICT (id) DO UPDATE SET
          name = excluded.name,
          url = CASE WHEN sources.configured_url = excluded.configured_url THEN sources.url ELSE excluded.url END,
          configured_url = excluded.configured_url,
          type = excluded.type, interval_ms = excluded.interval_ms, time_zone = excluded.time_zone,
          is_primary = excluded.is_primary, enabled = excluded.enabled, selectors_json = excluded.selectors_json,
          block_private = excluded.block_private
        """;

    public Task UpsertSourcesAsync(IReadOnlyList<SourceRecord> sources, CancellationToken ct) =>
        InTransactionAsync(async (c, tx) =>
        {
            foreach (var s in sources)
                await ExecuteAsync(c, tx, UpsertSourceSql, ct,
                    ("@id", s.Id), ("@name", s.Name), ("@url", s.Url), ("@type", s.Type),
                    ("@interval", (long)s.Interval.TotalMilliseconds), ("@tz", s.TimeZone),
                    ("@primary", s.Primary ? 1 : 0), ("@enabled", s.Enabled ? 1 : 0), ("@selectors", s.SelectorsJson),
                    ("@block", s.BlockPrivateAddresses ? 1 : 0));
        }, ct);

    public Task<IReadOnlyList<SourceRecord>> ListSourcesAsync(CancellationToken ct) =>
        RunAsync<IReadOnlyList<SourceRecord>>(async c =>
            await QueryAsync(c, null, $"SELECT {SourceColumns} FROM sources ORDER BY id", ReadSource, ct), ct);

    public Task<SourceRecord?> GetSourceAsync(string id, CancellationToken ct) =>
        RunAsync(async c =>
            (await QueryAsync(c, null, $"SELECT {SourceColumns} FROM sources WHERE id = @id", ReadSource, ct, ("@id", id)))
            .FirstOrDefault(), ct);

    public Task<bool> RemoveSourceAsync(string id, CancellationToken ct) =>
        RunAsync(async c => await ExecuteAsync(c, null, "DELETE FROM sources WHERE id = @id", ct, ("@id", id)) > 0, ct);

    // Success clears the error streak; failure counts it and keeps the error. Validators absent from a 304 or a
    // failure leave the stored ones in place, so the next poll can still be conditional.
    private const string RecordSuccessSql = """
        UPDATE sources SET
          last_attempt_at = @at, last_success_at = @at, consecutive_failures = 0, last_error = NULL,
          etag = COALESCE(@etag, etag), last_modified = COALESCE(@lm, last_modified),
          url = COALESCE(@url, url), next_poll_at = @next, identity_mode = COALESCE(@mode, identity_mode),
          last_new_item_at = CASE WHEN @new > 0 THEN @at ELSE last_new_item_at END
        WHERE id = @id
        """;

    private const string RecordFailureSql = """
        UPDATE sources SET
          last_attempt_at = @at, consecutive_failures = consecutive_failures + 1, last_error = @error,
          url = COALESCE(@url, url), next_poll_at = @next, identity_mode = COALESCE(@mode, identity_mode)
        WHERE id = @id
        """;

    public Task RecordFetchAsync(string sourceId, FetchRecord fetch, CancellationToken ct) =>
        InTransactionAsync(async (c, tx) =>
        {
            var updated = fetch.Success
                ? await ExecuteAsync(c, tx, RecordSuccessSql, ct, ("@id", sourceId), ("@at", Db.Ms(fetch.At)),
                    ("@etag", fetch.ETag), ("@lm", fetch.LastModified), ("@url", fetch.NewUrl), ("@next", Db.Ms(fetch.NextPollAt)),
                    ("@mode", fetch.IdentityMode), ("@new", fetch.NewItems))
                : await ExecuteAsync(c, tx, RecordFailureSql, ct, ("@id", sourceId), ("@at", Db.Ms(fetch.At)),
                    ("@error", fetch.Error ?? "unknown error"), ("@url", fetch.NewUrl), ("@next", Db.Ms(fetch.NextPollAt)),
                    ("@mode", fetch.IdentityMode));
            if (updated == 0) return; // a source removed from the configuration while its poll ran: nothing to keep
            await ExecuteAsync(c, tx,
                "INSERT INTO fetch_log (source_id, at, success, new_items, error) VALUES (@id, @at, @ok, @new, @error)", ct,
                ("@id", sourceId), ("@at", Db.Ms(fetch.At)), ("@ok", fetch.Success ? 1 : 0), ("@new", fetch.NewItems),
                ("@error", fetch.Success ? null : fetch.Error));
            await ExecuteAsync(c, tx, """
                DELETE FROM fetch_log WHERE source_id = @id AND id <= (
                  SELECT id FROM fetch_log WHERE source_id = @id ORDER BY id DESC LIMIT 1 OFFSET @keep)
                """, ct, ("@id", sourceId), ("@keep", IStoreMaintenance.FetchLogLimit));
        }, ct);

    public Task<IReadOnlyList<FetchLogEntry>> GetFetchLogAsync(string sourceId, int limit, CancellationToken ct) =>
        RunAsync<IReadOnlyList<FetchLogEntry>>(async c => await QueryAsync(c, null,
            "SELECT source_id, at, success, new_items, error FROM fetch_log WHERE source_id = @id ORDER BY id DESC LIMIT @limit",
            r => new FetchLogEntry(r.Str(0), r.At(1), r.Bool(2), r.Int(3), r.StrOrNull(4)), ct,
            ("@id", sourceId), ("@limit", limit)), ct);

    public Task<IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>>> GetArrivalsAsync(
        IReadOnlyCollection<string> sourceIds, int depth, CancellationToken ct) =>
        RunAsync<IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>>>(async c =>
        {
            // Only the polls with new entries leave the database, each checked against its own source's depth through
            // the (source_id, id) index; newest first is the table's key order. (Numbering every row of the log with
            // ROW_NUMBER() instead sorted the whole log: 28 ms against 2 ms for 14,600 rows on SQLite.)
            var rows = await QueryAsync(c, null, """
                SELECT f.source_id, f.at FROM fetch_log AS f
                WHERE f.success = 1 AND f.new_items > 0
                  AND f.id > COALESCE((SELECT g.id FROM fetch_log AS g WHERE g.source_id = f.source_id
                                       ORDER BY g.id DESC LIMIT 1 OFFSET @depth), -1)
                ORDER BY f.id DESC
                """, r => (Source: r.Str(0), At: r.At(1)), ct, ("@depth", depth));
            var arrivals = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
            foreach (var id in sourceIds) arrivals.TryAdd(id, []);
            foreach (var (source, at) in rows)
                if (arrivals.TryGetValue(source, out var times)) times.Add(at);
            return arrivals.ToDictionary(p => p.Key, p => (IReadOnlyList<DateTimeOffset>)p.Value, StringComparer.Ordinal);
        }, ct);

    private static SourceRecord ReadSource(DbDataReader r) => new()
    {
        Id = r.Str(0), Name = r.Str(1), Url = r.Str(2), Type = r.Str(3),
        Interval = TimeSpan.FromMilliseconds(r.Long(4)), TimeZone = r.Str(5), Primary = r.Bool(6), Enabled = r.Bool(7),
        SelectorsJson = r.StrOrNull(8), ETag = r.StrOrNull(9), LastModified = r.StrOrNull(10),
        LastAttemptAt = r.AtOrNull(11), LastSuccessAt = r.AtOrNull(12), LastNewItemAt = r.AtOrNull(13),
        ConsecutiveFailures = r.Int(14), LastError = r.StrOrNull(15), NextPollAt = r.AtOrNull(16), IdentityMode = r.Str(17),
        BlockPrivateAddresses = r.Bool(18),
    };
}
