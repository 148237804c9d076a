using Microsoft.Extensions.Options;
using Monitor.Core.Digests;
using Monitor.Worker.Configuration;
using Monitor.Worker.Mail;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// Composes each due subscriber's digest and records it in the outbox, in one transaction with the list of stories
/// it carries. The outbox key is the subscriber and the schedule slot, so two workers (or a restart) composing the same
/// slot produce one message, not two.
/// </summary>
public sealed class DigestBuilder(
    IMonitorStore store, TimeProvider clock, IOptions<MonitorOptions> options, UnsubscribeTokens tokens,
    ILogger<DigestBuilder> logger)
{
    /// <summary>How far back a subscriber's first digest reaches.</summary>
    public static readonly TimeSpan FirstDigestLookback = TimeSpan.FromDays(1);

    /// <summary>How long before the last digest a story may be stamped and still be new to the subscriber: longer than
    /// any poll (fetch timeout plus ingest) takes.</summary>
    public static readonly TimeSpan LateIngestGrace = TimeSpan.FromMinutes(15);

    private readonly MailOptions _mail = options.Value.Mail;

    public async Task<DigestRunSummary> ComposeDueAsync(CancellationToken ct)
    {
        int composed = 0, empty = 0, failed = 0;
        foreach (var subscriber in await store.ListSubscribersAsync(ct))
        {
            if (!subscriber.Active) continue;
            ct.ThrowIfCancellationRequested();
            try
            {
                switch (await ComposeForAsync(subscriber, force: false, ct))
                {
                    case ComposeStatus.Enqueued: composed++; break;
                    case ComposeStatus.Empty: empty++; break;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed++;
                logger.LogError(ex, "Composing the digest of subscriber {SubscriberId} failed", subscriber.Id);
            }
        }
        return new DigestRunSummary(composed, empty, failed);
    }

    public async Task<ComposeStatus> ComposeForAsync(SubscriberRecord subscriber, bool force, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!DigestSchedule.TryParse(subscriber.Frequency, subscriber.TimeZone, out var schedule, out var error))
        {
            logger.LogError("Subscriber {SubscriberId} has an unusable frequency: {Error}", subscriber.Id, error);
            return ComposeStatus.Failed;
        }
        if (!force && !schedule!.IsDue(subscriber.LastDigestAt, now)) return ComposeStatus.NotDue;

        var preview = await PreviewAsync(subscriber, now, ct);
        if (preview is null)
        {
            await store.SetLastDigestAtAsync(subscriber.Id, now, ct);
            return ComposeStatus.Empty;
        }
        var key = OutboxKey(subscriber, force, now);
        var message = BuildMessage(subscriber, preview.Rendered, key, now);
        // The stories past the size limit were counted in the message: delivered too, or they would crowd every later digest.
        var storyIds = preview.Digest.Entries.Select(e => e.Story.StoryId).Concat(preview.Digest.OmittedStoryIds ?? []).Distinct().ToList();
        var added = await store.EnqueueDigestAsync(message, storyIds, now, ct);
        if (added) Hosting.MonitorMetrics.DigestsComposed.Add(1);
        if (added) logger.LogInformation("Digest {Key} for {SubscriberId} queued: {Count} stories listed, {Omitted} past the limit",
            key, subscriber.Id, preview.Digest.StoryCount, preview.Digest.OmittedCount);
        return added ? ComposeStatus.Enqueued : ComposeStatus.AlreadyComposed;
    }

    /// <summary>
    /// The idempotency key of a digest: two workers (or a restart) composing the same digest must produce the same key.
    /// A digest is named by the window it starts from — the subscriber's last digest time, which the enqueue moves on in
    /// the same transaction. Whoever composes second reads the same window start and collides (nothing is sent twice);
    /// the next window has a new start, so a later digest never collides with an earlier one (a slot- or minute-based
    /// name would, holding stories back silently). A digest forced by an operator is named by its own time.
    /// </summary>
    private static string OutboxKey(SubscriberRecord subscriber, bool force, DateTimeOffset now)
    {
        if (force) return $"digest:{subscriber.Id}:manual:{now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        var start = subscriber.LastDigestAt is { } last ? last.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) : "first";
        return $"digest:{subscriber.Id}:after:{start}";
    }

    /// <summary>What the subscriber would receive now (nothing is recorded): for <c>digest preview</c> and the admin page.</summary>
    public async Task<DigestPreview?> PreviewAsync(SubscriberRecord subscriber, DateTimeOffset now, CancellationToken ct)
    {
        // Reach back before the last digest: a story is stamped when its poll started, so one ingested while that
        // digest was composed (on this worker or another) has an earlier stamp yet was not seen. The delivered table,
        // not the window, is what keeps a story from being sent twice.
        var since = subscriber.LastDigestAt is { } last ? last - LateIngestGrace : now - FirstDigestLookback;
        var stories = await store.GetUndeliveredStoriesAsync(subscriber.Id, since, ct);
        var digest = DigestComposer.Compose(DigestStoryMapping.ToDigestSubscriber(subscriber),
            stories.Where(s => s.Items.Count > 0).Select(DigestStoryMapping.ToDigestStory).ToList(), now, _mail.MaxStoriesPerDigest);
        if (digest is null) return null;
        var links = UnsubscribeLinks.For(_mail, tokens, subscriber.Id, subscriber.Email);
        var rendered = DigestRenderer.Render(digest, new DigestRenderContext(links.Url, null, _mail.FromName));
        return new DigestPreview(digest, rendered);
    }

    private OutboxMessage BuildMessage(SubscriberRecord subscriber, RenderedDigest rendered, string key, DateTimeOffset now)
    {
        var domain = _mail.FromAddress[(_mail.FromAddress.IndexOf('@') + 1)..];
        var messageId = MessageIds.For(key, domain);
        var links = UnsubscribeLinks.For(_mail, tokens, subscriber.Id, subscriber.Email);
        var mail = new OutgoingMail(
            new MailAddress(_mail.FromAddress, _mail.FromName),
            new MailAddress(subscriber.Email, string.IsNullOrWhiteSpace(subscriber.Name) ? null : subscriber.Name),
            rendered.Subject, rendered.Text, rendered.Html, messageId, now, _mail.ListId, links.Url, links.Mailto);
        return new OutboxMessage
        {
            Key = key, SubscriberId = subscriber.Id, Recipient = subscriber.Email, MessageId = messageId,
            Subject = rendered.Subject, Mime = MimeWriter.Write(mail), CreatedAt = now, NextAttemptAt = now,
        };
    }
}

public sealed record DigestPreview(Digest Digest, RenderedDigest Rendered);

public sealed record DigestRunSummary(int Composed, int Empty, int Failed);

public enum ComposeStatus { NotDue, Empty, Enqueued, AlreadyComposed, Failed }
