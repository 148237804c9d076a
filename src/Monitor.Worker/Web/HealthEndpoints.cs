using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;
using Quartz;

namespace Monitor.Worker.Web;

/// <summary>
/// <c>/healthz</c>: the process answers (liveness). <c>/readyz</c>: the store answers, the scheduler runs, and a poll
/// happened recently enough — 200 with the figures, or 503 with a JSON reason. Both public and free of secrets.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", ReadyAsync);
        return app;
    }

    private static async Task<IResult> ReadyAsync(IMonitorStore store, ISchedulerFactory schedulers, TimeProvider clock,
        IOptions<MonitorOptions> options, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var problems = new List<string>();
        bool storeOk;
        try { storeOk = await store.PingAsync(ct); }
        catch (StoreUnavailableException) { storeOk = false; }
        if (!storeOk) problems.Add("store unreachable");

        var scheduler = await schedulers.GetScheduler(ct);
        var schedulerOk = await scheduler.GetStatus(ct) == SchedulerStatus.Running;
        if (!schedulerOk) problems.Add("scheduler not running");

        DateTimeOffset? lastPoll = null;
        if (storeOk)
        {
            var enabled = (await store.ListSourcesAsync(ct)).Where(s => s.Enabled).ToList();
            lastPoll = enabled.Select(s => s.LastAttemptAt).Max();
            // A poll cycle older than the longest allowed gap between polls means the polling has stopped.
            var limit = options.Value.Fetch.MaxPollInterval + options.Value.Fetch.MaxBackoff;
            if (lastPoll is { } at && now - at > limit) problems.Add($"no poll for {(now - at).TotalMinutes:0} minutes (limit {limit.TotalMinutes:0})");
        }
        var body = new Readiness(
            Ready: problems.Count == 0,
            Reason: problems.Count == 0 ? null : string.Join("; ", problems),
            Store: storeOk,
            Scheduler: schedulerOk,
            LastPollAt: lastPoll?.UtcDateTime.ToString("O"),
            LastPollAgeSeconds: lastPoll is { } p ? (long?)(now - p).TotalSeconds : null);
        return Results.Json(body, HealthJsonContext.Default.Readiness,
            statusCode: problems.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>The body of /readyz (camelCase, as ASP.NET Core writes JSON).</summary>
public sealed record Readiness(bool Ready, string? Reason, bool Store, bool Scheduler, string? LastPollAt, long? LastPollAgeSeconds);

/// <summary>/readyz's body serialised by generated code (the native build has no reflection-based serialiser).</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(Readiness))]
internal sealed partial class HealthJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
