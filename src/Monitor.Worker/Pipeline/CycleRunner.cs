using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;
using Monitor.Worker.Mail;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// One full cycle, as the <c>once</c> command runs it: poll every enabled source (bounded concurrency), compose the
/// digests that are due, deliver the outbox. Each stage goes on when another fails; the summary says what failed.
/// </summary>
public sealed class CycleRunner(
    Storage.ISourceStore sources, SourcePoller poller, SourceHealthReader health, DigestBuilder digests, OutboxSender outbox,
    IOptions<MonitorOptions> options, ILogger<CycleRunner> logger)
{
    public async Task<CycleSummary> RunAsync(bool force, CancellationToken ct)
    {
        var all = (await sources.ListSourcesAsync(ct)).Where(s => s.Enabled).ToList();
        Hosting.StartupTrace.Mark("sources listed");
        var polls = new List<PollOutcome>();
        var finished = 0;
        var gate = new SemaphoreSlim(Math.Max(1, options.Value.Fetch.MaxConcurrency));
        var tasks = all.Select(async source =>
        {
            await gate.WaitAsync(ct);
            try { return await poller.PollAsync(source, force ? PollMode.Forced : PollMode.Cycle, ct); }
            catch (Storage.StoreUnavailableException ex)
            {
                // Not a bug to trace: the outcome says why, and the entries are read again by the next cycle.
                logger.LogError("Polling {Source} stopped: {Message}", source.Id, ex.Message);
                return new PollOutcome(source.Id, PollStatus.Failed, Error: ex.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Polling {Source} failed unexpectedly", source.Id);
                return new PollOutcome(source.Id, PollStatus.Failed, Error: ex.Message);
            }
            finally
            {
                gate.Release();
                if (Hosting.StartupTrace.Enabled && Interlocked.Increment(ref finished) == 1) Hosting.StartupTrace.Mark("first poll done");
            }
        });
        polls.AddRange(await Task.WhenAll(tasks));
        Hosting.StartupTrace.Mark("polls done");

        // The health report only reads the sources' fetch state, which the polls have finished writing; the digests and
        // the outbox neither read nor change it. So the report is read beside them, on the other core.
        // (A store that fails under the report fails the cycle as before, once the digests' own calls are done.)
        var alerts = Task.Run(() => HealthAlertsAsync(ct), ct);
        DigestRunSummary composed;
        OutboxRunSummary delivered;
        try
        {
            composed = await digests.ComposeDueAsync(ct);
            Hosting.StartupTrace.Mark("digests composed");
            delivered = await outbox.SendDueAsync(ct);
            Hosting.StartupTrace.Mark("outbox sent");
        }
        finally
        {
            await Task.WhenAny(alerts); // never left running against a store being disposed
        }
        return new CycleSummary(polls, await alerts, composed, delivered);
    }

    /// <summary>Unhealthy and silent sources are reported every cycle, never silently dropped.</summary>
    private async Task<IReadOnlyList<string>> HealthAlertsAsync(CancellationToken ct)
    {
        var alerts = new List<string>();
        var enabled = (await sources.ListSourcesAsync(ct)).Where(s => s.Enabled).ToList();
        var reports = await health.AssessAllAsync(enabled, ct);
        for (var i = 0; i < enabled.Count; i++)
            if (reports[i].State != Fetching.HealthState.Healthy) alerts.Add($"{enabled[i].Id}: {reports[i].Message}");
        Hosting.StartupTrace.Mark("health assessed");
        return alerts;
    }
}

public sealed record CycleSummary(IReadOnlyList<PollOutcome> Polls, IReadOnlyList<string> HealthAlerts, DigestRunSummary Digests, OutboxRunSummary Outbox)
{
    public bool AnyFailed => Polls.Any(p => p.Failed) || Digests.Failed > 0 || Outbox.Failed > 0 || Outbox.Retried > 0;

    public IEnumerable<string> Lines()
    {
        foreach (var p in Polls.OrderBy(p => p.SourceId, StringComparer.Ordinal)) yield return "source " + p;
        foreach (var alert in HealthAlerts) yield return "health " + alert;
        yield return $"digests: {Digests.Composed} composed, {Digests.Empty} with nothing new, {Digests.Failed} failed";
        yield return $"mail: {Outbox.Sent} sent, {Outbox.Retried} to retry, {Outbox.Failed} failed";
    }
}
