using Monitor.Worker.Hosting;
using Quartz;

namespace Monitor.Worker.Scheduling;

/// <summary>Tells the <see cref="IdleMemoryTrimmer"/> when each job starts and ends, so memory is given back only
/// once the service is quiet.</summary>
internal sealed class JobActivityListener(IdleMemoryTrimmer trimmer) : IJobListener
{
    public string Name => "monitor-job-activity";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        trimmer.WorkStarted();
        return ValueTask.CompletedTask;
    }

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        trimmer.WorkEnded();
        return ValueTask.CompletedTask;
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
