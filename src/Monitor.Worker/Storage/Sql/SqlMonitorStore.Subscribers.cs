using System.Data.Common;

namespace Monitor.Worker.Storage.Sql;

internal sealed partial class SqlMonitorStore
{
    private const string SubscriberColumns =
        "id, email, name, language, time_zone, frequency, topics, watch_lists, muted_sources, min_sources, active, last_digest_at, created_at";

    // email_key (the lower-cased address) is the identity, so "A@x.org" and "a@x.org" are one subscriber on both
    // providers. Active and LastDigestAt belong to the live row (unsubscribes, digests sent), not to the seed.
    public Task<SubscriberRecord> UpsertSubscriberAsync(SubscriberRecord s, CancellationToken ct) =>
        InTransactionAsync(async (c, tx) =>
        {
            await ExecuteAsync(c, tx, """
                INSERT INTO subscribers (email, email_key, name, language, time_zone, frequency, topics, watch_lists,
                                         muted_sources, min_sources, active, last_digest_at, created_at)
                VALUES (@email, @key, @name, @lang, @tz, @freq, @topics, @watch, @muted, @min, @active, @last, @created)
                ON CONFLICT (email_key) DO UPDATE SET
                  email = excluded.email, name = excluded.name, language = excluded.language, time_zone = excluded.time_zone,
                  frequency = excluded.frequency, topics = excluded.topics, watch_lists = excluded.watch_lists,
                  muted_sources = excluded.muted_sources, min_sources = excluded.min_sources
                """, ct, ("@email", s.Email), ("@key", EmailKey(s.Email)), ("@name", s.Name), ("@lang", s.Language),
                ("@tz", s.TimeZone), ("@freq", s.Frequency), ("@topics", Db.Json(s.Topics)), ("@watch", Db.Json(s.WatchLists)),
                ("@muted", Db.Json(s.MutedSources)), ("@min", s.MinSources), ("@active", s.Active ? 1 : 0),
                ("@last", Db.Ms(s.LastDigestAt)), ("@created", Db.Ms(s.CreatedAt)));
            return (await SubscribersWhereAsync(c, tx, "email_key = @key", ct, ("@key", EmailKey(s.Email)))).Single();
        }, ct);

    public Task<IReadOnlyList<SubscriberRecord>> ListSubscribersAsync(CancellationToken ct) =>
        RunAsync<IReadOnlyList<SubscriberRecord>>(async c => await SubscribersWhereAsync(c, null, "1 = 1", ct), ct);

    public Task<SubscriberRecord?> GetSubscriberAsync(string email, CancellationToken ct) =>
        RunAsync(async c => (await SubscribersWhereAsync(c, null, "email_key = @key", ct, ("@key", EmailKey(email)))).FirstOrDefault(), ct);

    public Task<bool> RemoveSubscriberAsync(string email, CancellationToken ct) =>
        RunAsync(async c => await ExecuteAsync(c, null, "DELETE FROM subscribers WHERE email_key = @key", ct,
            ("@key", EmailKey(email))) > 0, ct);

    public Task<bool> SetSubscriberActiveAsync(string email, bool active, CancellationToken ct) =>
        RunAsync(async c => await ExecuteAsync(c, null, "UPDATE subscribers SET active = @a WHERE email_key = @key", ct,
            ("@a", active ? 1 : 0), ("@key", EmailKey(email))) > 0, ct);

    public Task SetLastDigestAtAsync(long subscriberId, DateTimeOffset at, CancellationToken ct) =>
        RunAsync(async c => await ExecuteAsync(c, null, "UPDATE subscribers SET last_digest_at = @at WHERE id = @sub", ct,
            ("@at", Db.Ms(at)), ("@sub", subscriberId)), ct, write: true);

    public Task<IReadOnlyList<StoryRecord>> GetUndeliveredStoriesAsync(long subscriberId, DateTimeOffset? since, CancellationToken ct) =>
        RunAsync(async c =>
        {
            var window = since is null ? "" : "AND s.last_updated > @since";
            var ids = await QueryAsync(c, null, $"""
                SELECT s.id FROM stories s
                WHERE NOT EXISTS (SELECT 1 FROM delivered d WHERE d.subscriber_id = @sub AND d.story_id = s.id) {window}
                ORDER BY s.last_updated DESC, s.id DESC
                """, r => r.Long(0), ct, ("@sub", subscriberId), ("@since", Db.Ms(since)));
            return await LoadStoriesAsync(c, ids, ct, digestView: true);
        }, ct);

    private static string EmailKey(string email) => email.Trim().ToLowerInvariant();

    private static Task<List<SubscriberRecord>> SubscribersWhereAsync(Session c, DbTransaction? tx, string where,
        CancellationToken ct, params (string, object?)[] args) =>
        QueryAsync(c, tx, $"SELECT {SubscriberColumns} FROM subscribers WHERE {where} ORDER BY id", r => new SubscriberRecord
        {
            Id = r.Long(0), Email = r.Str(1), Name = r.Str(2), Language = r.Str(3), TimeZone = r.Str(4), Frequency = r.Str(5),
            Topics = Db.JsonList(r.StrOrNull(6)), WatchLists = Db.JsonList(r.StrOrNull(7)), MutedSources = Db.JsonList(r.StrOrNull(8)),
            MinSources = r.Int(9), Active = r.Bool(10), LastDigestAt = r.AtOrNull(11), CreatedAt = r.At(12),
        }, ct, args);
}
