using System.Data.Common;

namespace Monitor.Worker.Storage.Sql;

internal sealed partial class SqlMonitorStore
{
    private const string OutboxColumns =
        "id, msg_key, subscriber_id, recipient, message_id, subject, mime, state, attempts, created_at, next_attempt_at, sent_at, last_error";

    // Due: pending and its time has come, or sending whose lease ran out (the sender holding it crashed or hung).
    private const string DueCondition =
        "((state = 'Pending' AND next_attempt_at <= @now) OR (state = 'Sending' AND lease_until <= @now))";

    public Task<bool> EnqueueDigestAsync(OutboxMessage m, IReadOnlyList<long> storyIds, DateTimeOffset windowEnd, CancellationToken ct) =>
        RunAsync(async c =>
        {
            await using var tx = await _dialect.BeginAsync(c, ct);
            var id = await ScalarAsync(c, tx, """
                INSERT INTO outbox (msg_key, subscriber_id, recipient, message_id, subject, mime, state, attempts,
                                    created_at, next_attempt_at)
                VALUES (@key, @sub, @to, @mid, @subject, @mime, 'Pending', 0, @created, @next)
                ON CONFLICT (msg_key) DO NOTHING RETURNING id
                """, ct, ("@key", m.Key), ("@sub", m.SubscriberId), ("@to", m.Recipient), ("@mid", m.MessageId),
                ("@subject", m.Subject), ("@mime", m.Mime), ("@created", Db.Ms(m.CreatedAt)), ("@next", Db.Ms(m.NextAttemptAt)));
            if (id is null)
            {
                // Already composed (a retry after a crash, or another worker): change nothing.
                await tx.RollbackAsync(ct);
                return false;
            }
            var distinct = storyIds.Distinct().ToArray();
            if (distinct.Length > 0)
            {
                var recorded = await ExecuteAsync(c, tx,
                    $"INSERT INTO delivered (subscriber_id, story_id, delivered_at) SELECT @sub, k.value, @at FROM {_dialect.SetRows("@ids", "k")} " +
                    "WHERE true ON CONFLICT DO NOTHING", ct,
                    ("@sub", m.SubscriberId), ("@ids", _dialect.SetValue(distinct)), ("@at", Db.Ms(windowEnd)));
                if (recorded < distinct.Length)
                {
                    // Another worker's digest for another slot took some of these stories first (the composer offers
                    // only undelivered stories, so a conflict means a concurrent compose): send nothing twice.
                    await tx.RollbackAsync(ct);
                    return false;
                }
            }
            await ExecuteAsync(c, tx, "UPDATE subscribers SET last_digest_at = @at WHERE id = @sub", ct,
                ("@at", Db.Ms(windowEnd)), ("@sub", m.SubscriberId));
            await tx.CommitAsync(ct);
            return true;
        }, ct, write: true);

    public Task<IReadOnlyList<OutboxMessage>> GetDueMessagesAsync(DateTimeOffset now, int max, CancellationToken ct) =>
        RunAsync<IReadOnlyList<OutboxMessage>>(async c => await QueryAsync(c, null,
            $"SELECT {OutboxColumns} FROM outbox WHERE {DueCondition} ORDER BY next_attempt_at, id LIMIT @max",
            ReadMessage, ct, ("@now", Db.Ms(now)), ("@max", max)), ct);

    // One conditional UPDATE: the database decides who wins. On PostgreSQL a second claimant blocks on the row lock,
    // then re-checks the condition against the committed row and updates nothing; SQLite serialises writers.
    public Task<bool> TryClaimAsync(long messageId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct) =>
        RunAsync(async c => await ExecuteAsync(c, null,
            $"UPDATE outbox SET state = 'Sending', lease_until = @lease, attempts = attempts + 1 WHERE id = @id AND {DueCondition}",
            ct, ("@id", messageId), ("@now", Db.Ms(now)), ("@lease", Db.Ms(leaseUntil))) == 1, ct);

    public Task MarkSentAsync(long messageId, DateTimeOffset at, CancellationToken ct) =>
        RunAsync(c => ExecuteAsync(c, null,
            "UPDATE outbox SET state = 'Sent', sent_at = @at, lease_until = NULL WHERE id = @id", ct,
            ("@id", messageId), ("@at", Db.Ms(at))), ct);

    public Task MarkRetryAsync(long messageId, DateTimeOffset nextAttemptAt, string error, CancellationToken ct) =>
        RunAsync(c => ExecuteAsync(c, null,
            "UPDATE outbox SET state = 'Pending', next_attempt_at = @next, last_error = @error, lease_until = NULL WHERE id = @id", ct,
            ("@id", messageId), ("@next", Db.Ms(nextAttemptAt)), ("@error", error)), ct);

    public Task MarkFailedAsync(long messageId, string reason, CancellationToken ct) =>
        RunAsync(c => ExecuteAsync(c, null,
            "UPDATE outbox SET state = 'Failed', last_error = @error, lease_until = NULL WHERE id = @id", ct,
            ("@id", messageId), ("@error", reason)), ct);

    public Task<bool> RequeueAsync(long messageId, DateTimeOffset now, CancellationToken ct) =>
        RunAsync(async c => await ExecuteAsync(c, null,
            "UPDATE outbox SET state = 'Pending', next_attempt_at = @now WHERE id = @id AND state = 'Failed'", ct,
            ("@id", messageId), ("@now", Db.Ms(now))) == 1, ct);

    public Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(OutboxState? state, int limit, CancellationToken ct) =>
        RunAsync<IReadOnlyList<OutboxMessage>>(async c => await QueryAsync(c, null,
            $"SELECT {OutboxColumns} FROM outbox {(state is null ? "" : "WHERE state = @state")} ORDER BY id DESC LIMIT @limit",
            ReadMessage, ct, ("@state", state?.ToString()), ("@limit", limit)), ct);

    private static OutboxMessage ReadMessage(DbDataReader r) => new()
    {
        Id = r.Long(0), Key = r.Str(1), SubscriberId = r.Long(2), Recipient = r.Str(3), MessageId = r.Str(4), Subject = r.Str(5),
        Mime = r.Bytes(6), State = Enum.Parse<OutboxState>(r.Str(7)), Attempts = r.Int(8), CreatedAt = r.At(9),
        NextAttemptAt = r.At(10), SentAt = r.AtOrNull(11), LastError = r.StrOrNull(12),
    };
}
