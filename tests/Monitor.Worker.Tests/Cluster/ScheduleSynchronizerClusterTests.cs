using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Worker.Scheduling;
using Monitor.Worker.Storage;
using NSubstitute;
using Quartz;

namespace Monitor.Worker.Tests.Cluster;

/// <summary>
/// The risk: in a cluster every node syncs the same jobs into one shared job store — at start, all at once, and one
/// node every minute. A sync that replaced unchanged jobs would reset every poll's timing each minute; nodes racing on
/// the same keys must not fail; and jobs in a persistent store must carry plain strings and ask for recovery so a dead
/// node's work re-runs elsewhere. One scheduler (not started) stands in for the shared store here.
/// </summary>
public sealed class ScheduleSynchronizerClusterTests : IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private IScheduler _scheduler = null!;
    private readonly IMonitorStore _store = Substitute.For<IMonitorStore>();

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQuartz(q => q.UseInMemoryStore());
        _services = services.BuildServiceProvider();
        _scheduler = await _services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        _store.ListSourcesAsync(default).ReturnsForAnyArgs(
        [
            new SourceRecord { Id = "etilaf", Name = "Etilaf", Url = "https://example.org/feed", Interval = TimeSpan.FromMinutes(5) },
            new SourceRecord { Id = "news", Name = "News", Url = "https://example.org/news", Interval = TimeSpan.FromMinutes(10) },
        ]);
        _store.ListSubscribersAsync(default).ReturnsForAnyArgs(
        [
            new SubscriberRecord { Id = 1, Email = "a@example.org", Frequency = "daily 08:00", TimeZone = "Asia/Damascus" },
            new SubscriberRecord { Id = 2, Email = "b@example.org", Frequency = "immediate" },
        ]);
    }

    public async Task DisposeAsync()
    {
        await _scheduler.Shutdown(false);
        await _services.DisposeAsync();
    }

    private ScheduleSynchronizer Node() => new(_store, TimeProvider.System, NullLogger<ScheduleSynchronizer>.Instance);

    [Fact]
    public async Task A_second_node_syncing_unchanged_jobs_leaves_every_trigger_as_it_was()
    {
        await Node().SyncAsync(_scheduler, default);
        var before = await TriggerTimesAsync();

        await Node().SyncAsync(_scheduler, default);

        Assert.Equal(4, before.Count);
        Assert.Equal(before, await TriggerTimesAsync());
    }

    [Fact]
    public async Task Three_nodes_syncing_the_same_jobs_at_once_all_succeed_with_one_job_per_key()
    {
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Node().SyncAsync(_scheduler, default))));

        var jobs = await _scheduler.QueryJobs(new JobQuery { Group = GroupMatcher<JobKey>.AnyGroup() });
        Assert.Equal(
            ["digest.1", "digest.2", "poll.etilaf", "poll.news"],
            jobs.Items.Select(j => j.Key.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Poll_and_digest_jobs_ask_for_recovery_and_hold_only_strings()
    {
        await Node().SyncAsync(_scheduler, default);

        foreach (var key in new[] { new JobKey("etilaf", ScheduleSynchronizer.SourceGroup), new JobKey("1", ScheduleSynchronizer.DigestGroup) })
        {
            var job = (await _scheduler.GetJobDetail(key))!;
            Assert.True(job.RequestsRecovery, $"{key} does not ask for recovery");
            Assert.All(job.JobDataMap, entry => Assert.IsType<string>(entry.Value));
        }
    }

    [Fact]
    public async Task A_changed_interval_replaces_only_that_source_s_job()
    {
        await Node().SyncAsync(_scheduler, default);
        var before = await TriggerTimesAsync();
        _store.ListSourcesAsync(default).ReturnsForAnyArgs(
        [
            new SourceRecord { Id = "etilaf", Name = "Etilaf", Url = "https://example.org/feed", Interval = TimeSpan.FromMinutes(5) },
            new SourceRecord { Id = "news", Name = "News", Url = "https://example.org/news", Interval = TimeSpan.FromMinutes(20) },
        ]);

        await Node().SyncAsync(_scheduler, default);

        var after = await TriggerTimesAsync();
        Assert.Equal(before["poll.etilaf"], after["poll.etilaf"]);
        Assert.Equal(before["digest.1"], after["digest.1"]);
        var trigger = (ISimpleTrigger)(await _scheduler.GetTrigger(new TriggerKey("news", ScheduleSynchronizer.SourceGroup)))!;
        Assert.Equal(TimeSpan.FromMinutes(20), trigger.RepeatInterval);
    }

    private async Task<Dictionary<string, (DateTimeOffset Start, DateTimeOffset? Next)>> TriggerTimesAsync()
    {
        var result = new Dictionary<string, (DateTimeOffset, DateTimeOffset?)>();
        foreach (var group in new[] { ScheduleSynchronizer.SourceGroup, ScheduleSynchronizer.DigestGroup })
        {
            var jobs = await _scheduler.QueryJobs(new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(group) });
            foreach (var job in jobs.Items)
            {
                var trigger = (await _scheduler.GetTrigger(new TriggerKey(job.Key.Name, job.Key.Group)))!;
                result[job.Key.ToString()] = (trigger.StartTimeUtc, trigger.NextFireTimeUtc);
            }
        }
        return result;
    }
}
