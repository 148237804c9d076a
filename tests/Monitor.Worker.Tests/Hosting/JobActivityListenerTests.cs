using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;
using Monitor.Worker.Hosting;
using Quartz;

namespace Monitor.Worker.Tests.Hosting;

/// <summary>
/// The risk: the trimmer is registered but the scheduler never tells it about jobs (a listener attached to no job,
/// or to some jobs only), so it either never gives memory back or does it in the middle of a poll. A real in-memory
/// Quartz scheduler, wired the way <see cref="SchedulingServices"/> wires the service, runs a job that holds until
/// the test lets it finish; the trimmer's clock is moved by hand.
/// </summary>
public sealed class JobActivityListenerTests : IAsyncLifetime
{
    private readonly ManualTimerClock _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly CountingReleaser _releaser = new();
    private readonly HeldJob.Gate _gate = new();
    private ServiceProvider _services = null!;
    private IScheduler _scheduler = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var options = Options.Create(new MonitorOptions { Memory = new MemoryOptions { QuietPeriod = TimeSpan.FromSeconds(5) } });
        services.AddSingleton(_gate);
        services.AddTransient<HeldJob>();
        services.AddQuartz(q =>
        {
            q.UseInMemoryStore();
            SchedulingServices.AddIdleMemoryTrimming(services, q);
        });
        // The trimmer on the hand-moved clock (Quartz itself keeps the real one: it would wait for the test's clock).
        services.AddSingleton(sp => new IdleMemoryTrimmer(options, _releaser, _clock, sp.GetRequiredService<ILogger<IdleMemoryTrimmer>>()));
        _services = services.BuildServiceProvider();
        _scheduler = await _services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await _scheduler.Start();
    }

    public async Task DisposeAsync()
    {
        _gate.Finish.TrySetResult();
        await _scheduler.Shutdown(waitForJobsToComplete: true);
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task A_scheduled_job_holds_the_release_off_until_it_ends_and_the_quiet_period_passes()
    {
        var trimmer = _services.GetRequiredService<IdleMemoryTrimmer>();
        _releaser.Trimmer = trimmer;
        await _scheduler.ScheduleJob(JobBuilder.Create<HeldJob>().WithIdentity("poll-held").Build(),
            TriggerBuilder.Create().WithIdentity("poll-held").StartNow().Build());

        await _gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, trimmer.RunningJobs);
        _releaser.AllocatedBytes += 20L * 1024 * 1024;
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, _releaser.Releases);

        _gate.Finish.SetResult();
        await WaitUntilAsync(() => trimmer.RunningJobs == 0);
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, _releaser.Releases);
        Assert.Equal(0, _releaser.ReleasesWhileBusy);
    }

    /// <summary>Waits for the scheduler's thread to report the job's end (not a timing assertion: a bound on a hang).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the scheduler did not report the job's end");
            await Task.Delay(20);
        }
    }

    /// <summary>A job that says it started, then waits for the test.</summary>
    internal sealed class HeldJob(HeldJob.Gate gate) : IJob
    {
        public sealed class Gate
        {
            public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
            public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
        {
            gate.Started.TrySetResult();
            await gate.Finish.Task.WaitAsync(ct);
        }
    }
}
