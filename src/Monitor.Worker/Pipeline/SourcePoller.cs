using Microsoft.Extensions.Options;
using Monitor.Core.Feeds;
using Monitor.Worker.Configuration;
using Monitor.Worker.Fetching;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// Polls one source: read it, ingest every entry (oldest first), and record the outcome on the source row. A failure
/// is state on the source (error counter, message, next poll after backoff), never an exception that stops the loop.
/// The validators (ETag, Last-Modified) are only kept when every entry was stored, so a 304 can never hide an entry
/// that failed to save.
/// </summary>
public sealed class SourcePoller(
    ISourceStore sources, FeedReader reader, ItemIngestor ingestor, TimeProvider clock,
    IOptions<MonitorOptions> options, ILogger<SourcePoller> logger)
{
    private readonly FetchOptions _fetch = options.Value.Fetch;

    public async Task<PollOutcome> PollAsync(string sourceId, PollMode mode, CancellationToken ct)
    {
        var source = await sources.GetSourceAsync(sourceId, ct);
        if (source is null) return new PollOutcome(sourceId, PollStatus.Skipped, Error: "no such source");
        return await PollAsync(source, mode, ct);
    }

    /// <summary>Polls a source as the caller has just read it from the store (a cycle lists every source in one
    /// query rather than reading each again).</summary>
    public async Task<PollOutcome> PollAsync(SourceRecord source, PollMode mode, CancellationToken ct)
    {
        var sourceId = source.Id;
        var now = clock.GetUtcNow();
        if (!source.Enabled) return new PollOutcome(sourceId, PollStatus.Skipped, Error: "paused");
        if (IsWaiting(source, mode, now)) return new PollOutcome(sourceId, PollStatus.Skipped, Error: $"backing off until {source.NextPollAt:u}");

        // The guard sits on the connection (GuardedConnector), so it also judges every redirect and each new resolution.
        var read = await reader.ReadAsync(source, conditional: true, _fetch.BlockPrivateAddresses || source.BlockPrivateAddresses, now, ct);
        if (read.Error is { } error)
        {
            await RecordFailureAsync(source, read.Fetch, error, now, ct);
            return new PollOutcome(sourceId, PollStatus.Failed, Error: error);
        }
        if (read.Fetch.Status == FetchStatus.NotModified)
        {
            await sources.RecordFetchAsync(sourceId, new FetchRecord
            {
                At = now, Success = true, ETag = source.ETag, LastModified = source.LastModified,
                NextPollAt = NextPoll(source, now, read.Fetch, null, [], failures: 0),
            }, ct);
            return new PollOutcome(sourceId, PollStatus.NotModified);
        }

        var document = read.Parse!.Document!;
        return await IngestDocumentAsync(source, read, document, now, ct);
    }

    /// <summary>
    /// Scheduled polls follow the source's planned next poll (its rhythm, backoff, Retry-After); a cycle (<c>once</c>)
    /// polls every source except one backing off after failures; a forced poll (an operator's command) always polls.
    /// </summary>
    private static bool IsWaiting(SourceRecord source, PollMode mode, DateTimeOffset now) => mode switch
    {
        PollMode.Scheduled => source.NextPollAt > now,
        PollMode.Cycle => source.ConsecutiveFailures > 0 && source.NextPollAt > now,
        _ => false,
    };

    private async Task<PollOutcome> IngestDocumentAsync(SourceRecord source, FeedReadResult read, FeedDocument document, DateTimeOffset now, CancellationToken ct)
    {
        var trustGuids = source.IdentityMode != "link" && !EntryIdentity.GuidsUnusable(document.Entries);
        int added = 0, updated = 0, known = 0, failed = 0;
        string? firstFailure = null;
        // Oldest first; the new items are saved in batches (see ItemIngestor). Cancellation may drop the unsaved batch:
        // the fetch is then not recorded, so the next poll reads those entries again.
        var ordered = document.Entries.OrderBy(e => e.Published ?? now).ToList();
        var results = await ingestor.IngestBatchAsync(source, ordered, trustGuids, now, ct);
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].Error is StoreUnavailableException gone)
            {
                // The store itself is gone (server down, disk full, file locked): the ingestor stopped trying, and the
                // entries not stored are read again by the next poll (no validators kept). One line, no stack.
                failed = results.Count - added - updated - known;
                firstFailure ??= $"entry {ordered[i].Link ?? ordered[i].Id ?? ordered[i].Title}: {gone.Message}";
                logger.LogError("Storing the entries of {Source} stopped, the store is unavailable: {Message}", source.Id, gone.Message);
                break;
            }
            if (results[i].Error is { } ex)
            {
                failed++;
                var entry = ordered[i];
                firstFailure ??= $"entry {entry.Link ?? entry.Id ?? entry.Title}: {ex.Message}";
                logger.LogError(ex, "Storing an entry of {Source} failed", source.Id);
                continue;
            }
            switch (results[i].Outcome)
            {
                case IngestOutcome.NewStory or IngestOutcome.JoinedStory: added++; break;
                case IngestOutcome.Updated: updated++; break;
                default: known++; break;
            }
        }

        if (failed > 0)
        {
            var message = $"{failed} of {document.Entries.Count} entries could not be stored; first: {firstFailure}";
            await RecordFailureAsync(source, read.Fetch, message, now, ct);
            return new PollOutcome(source.Id, PollStatus.Failed, added, updated, known, message);
        }

        var times = document.Entries.Where(e => e.Published is not null).Select(e => e.Published!.Value).ToList();
        await sources.RecordFetchAsync(source.Id, new FetchRecord
        {
            At = now, Success = true, ETag = read.Fetch.ETag, LastModified = read.Fetch.LastModified,
            NewUrl = (read.Fetch.PermanentRedirect ?? read.DiscoveredFeed)?.ToString(),
            NewItems = added, NextPollAt = NextPoll(source, now, read.Fetch, document.Ttl, times, failures: 0),
            IdentityMode = trustGuids ? "guid" : "link",
        }, ct);
        if (document.Warnings.Count > 0)
            logger.LogWarning("Feed {Source} read with warnings: {Warnings}", source.Id, string.Join("; ", document.Warnings.Take(5)));
        logger.LogInformation("Polled {Source}: {New} new, {Updated} updated, {Known} known", source.Id, added, updated, known);
        return new PollOutcome(source.Id, PollStatus.Fetched, added, updated, known);
    }

    private async Task RecordFailureAsync(SourceRecord source, FetchResult fetch, string error, DateTimeOffset now, CancellationToken ct)
    {
        var failures = source.ConsecutiveFailures + 1;
        logger.LogWarning("Polling {Source} failed ({Failures} in a row): {Error}", source.Id, failures, error);
        await sources.RecordFetchAsync(source.Id, new FetchRecord
        {
            At = now, Success = false, Error = error,
            NextPollAt = NextPoll(source, now, fetch, null, [], failures),
        }, ct);
    }

    private DateTimeOffset NextPoll(SourceRecord source, DateTimeOffset now, FetchResult fetch, TimeSpan? ttl, IReadOnlyList<DateTimeOffset> entryTimes, int failures) =>
        PollPlanner.NextPoll(now, source.Interval, failures, fetch.RetryAfter, fetch.CacheMaxAge, ttl, entryTimes,
            PollBounds.From(_fetch), Random.Shared);
}
