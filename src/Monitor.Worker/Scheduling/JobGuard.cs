using Monitor.Worker.Storage;
using Quartz;

namespace Monitor.Worker.Scheduling;

/// <summary>
/// The one place jobs handle failure: a shutdown cancels quietly at the job's safe point, a store outage is logged as
/// such (the next firing retries), anything else is logged with its stack — and none of it stops the scheduler.
/// </summary>
internal static class JobGuard
{
    public static async Task RunAsync(ILogger logger, IJobExecutionContext context, Func<CancellationToken, Task> body, CancellationToken ct)
    {
        try
        {
            await body(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            logger.LogInformation("Job {Job} stopped for shutdown", context.JobDetail.Key);
        }
        catch (StoreUnavailableException ex)
        {
            logger.LogError("Job {Job}: store unavailable, will retry at the next firing: {Message}", context.JobDetail.Key, ex.Message);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Job {Job} failed", context.JobDetail.Key);
        }
    }
}
