using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;
using Monitor.Worker.Hosting;
using Monitor.Worker.Storage;
using NSubstitute;

namespace Monitor.Worker.Tests.Hosting;

/// <summary>
/// The risk: the service collects and trims while a poll or a digest is running (a pause in the middle of work, and
/// memory given back only to be taken again at once), or after every tiny outbox check, or never. The trimmer is
/// driven here by a hand-moved clock and a releaser that only counts, so the rule is checked exactly: once, a quiet
/// period after the last running job ended, and only when that work allocated enough to matter.
/// </summary>
public sealed class IdleMemoryTrimmerTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);
    private const long Poll = 20L * 1024 * 1024;
    private readonly ManualTimerClock _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly CountingReleaser _releaser = new();

    [Fact]
    public void Gives_memory_back_once_the_quiet_period_after_the_last_job_has_passed()
    {
        using var trimmer = Trimmer();
        RunJob(trimmer, allocates: Poll);

        _clock.Advance(Quiet - TimeSpan.FromSeconds(1));
        Assert.Equal(0, _releaser.Releases);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, _releaser.Releases);
        Assert.Equal(1, trimmer.Releases);
    }

    [Fact]
    public void Never_gives_memory_back_while_a_job_is_running()
    {
        using var trimmer = Trimmer();
        trimmer.WorkStarted();
        trimmer.WorkStarted();
        _releaser.AllocatedBytes += Poll;
        trimmer.WorkEnded();

        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, _releaser.Releases);

        trimmer.WorkEnded();
        _clock.Advance(Quiet);
        Assert.Equal(1, _releaser.Releases);
        Assert.Equal(0, _releaser.ReleasesWhileBusy);
    }

    [Fact]
    public void A_job_starting_within_the_quiet_period_postpones_the_release_to_a_quiet_period_after_it()
    {
        using var trimmer = Trimmer();
        RunJob(trimmer, allocates: Poll);
        _clock.Advance(TimeSpan.FromSeconds(3));
        trimmer.WorkStarted();
        _clock.Advance(TimeSpan.FromSeconds(30));
        trimmer.WorkEnded();

        _clock.Advance(Quiet - TimeSpan.FromSeconds(1));
        Assert.Equal(0, _releaser.Releases);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, _releaser.Releases);
    }

    [Fact]
    public void Gives_memory_back_once_per_quiet_period_not_again_while_nothing_runs()
    {
        using var trimmer = Trimmer();
        RunJob(trimmer, allocates: Poll);
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, _releaser.Releases);

        RunJob(trimmer, allocates: Poll);
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(2, _releaser.Releases);
    }

    [Fact]
    public void Work_that_allocated_little_since_the_last_release_is_not_followed_by_one()
    {
        using var trimmer = Trimmer();
        RunJob(trimmer, allocates: Poll);
        _clock.Advance(Quiet);
        Assert.Equal(1, _releaser.Releases);

        // An outbox run with nothing to send: a few hundred KiB.
        RunJob(trimmer, allocates: 300 * 1024);
        _clock.Advance(Quiet);
        Assert.Equal(1, _releaser.Releases);

        // Small runs add up: once they pass the threshold, the next quiet period gives memory back.
        for (var i = 0; i < 14; i++)
        {
            RunJob(trimmer, allocates: 300 * 1024);
            _clock.Advance(Quiet);
        }
        Assert.Equal(2, _releaser.Releases);
    }

    [Fact]
    public void A_second_release_waits_for_the_minimum_interval_and_comes_then_if_still_quiet()
    {
        using var trimmer = Trimmer(minInterval: TimeSpan.FromMinutes(5));
        RunJob(trimmer, allocates: Poll);
        _clock.Advance(Quiet);
        Assert.Equal(1, _releaser.Releases);

        RunJob(trimmer, allocates: Poll);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, _releaser.Releases);
        RunJob(trimmer, allocates: Poll);
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, _releaser.Releases);

        // The first release came at 6 s (a job of 1 s, then the quiet period), so the interval ends at 306 s; it is 188 s now.
        _clock.Advance(TimeSpan.FromSeconds(117));
        Assert.Equal(1, _releaser.Releases);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, _releaser.Releases);
    }

    [Fact]
    public void The_store_gives_back_its_caches_with_each_release()
    {
        var store = Substitute.For<IStoreMaintenance>();
        var options = new MonitorOptions { Memory = new MemoryOptions { QuietPeriod = Quiet, MinInterval = TimeSpan.Zero } };
        using var trimmer = new IdleMemoryTrimmer(Options.Create(options), _releaser, _clock, NullLogger<IdleMemoryTrimmer>.Instance, store);
        RunJob(trimmer, allocates: Poll);
        _clock.Advance(Quiet - TimeSpan.FromSeconds(1));
        store.DidNotReceive().ReleaseIdleMemory();

        _clock.Advance(TimeSpan.FromSeconds(1));
        store.Received(1).ReleaseIdleMemory();
        Assert.Equal(1, _releaser.Releases);
    }

    [Fact]
    public void Does_nothing_when_trimming_is_turned_off()
    {
        using var trimmer = Trimmer(enabled: false);
        RunJob(trimmer, allocates: Poll);
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, _releaser.Releases);
    }

    [Fact]
    public void A_failing_release_is_logged_and_the_next_quiet_period_tries_again()
    {
        using var trimmer = Trimmer();
        _releaser.FailNext = true;
        RunJob(trimmer, allocates: Poll);
        _clock.Advance(Quiet);
        Assert.Equal(0, trimmer.Releases);

        RunJob(trimmer, allocates: Poll);
        _clock.Advance(Quiet);
        Assert.Equal(1, trimmer.Releases);
    }

    [Fact]
    public void The_real_releaser_runs_a_full_collection_and_reports_the_heap()
    {
        // The "before" figure is the last collection's: in a test process that has not collected yet (this test run
        // alone) there is none, and it reads 0. One collection first makes the test independent of the others.
        GC.Collect();
        var collections = GC.CollectionCount(GC.MaxGeneration);
        var released = new MemoryReleaser(Options.Create(new MonitorOptions { Memory = new MemoryOptions { PageOutFiles = true } })).Release();
        Assert.True(GC.CollectionCount(GC.MaxGeneration) > collections);
        Assert.True(released.HeapCommittedBefore > 0 && released.HeapCommittedAfter > 0);
        Assert.True(released.ResidentBefore > 0 && released.ResidentAfter > 0);
        // The runtime and the assemblies are file mappings: with PageOutFiles (opt-in) Linux is asked to page them out.
        if (OperatingSystem.IsLinux()) Assert.True(released.FileMappingsPagedOut > 0);
    }

    [Theory]
    [InlineData("7f3a2c000000-7f3a2c400000 r-xp 00000000 08:01 1234 /usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/libcoreclr.so", 0x400000L)]
    [InlineData("7f3a2c000000-7f3a2c001000 r--s 00000000 08:01 99 /opt/monitor/Quartz.dll", 0x1000L)]
    [InlineData("7f3a2c000000-7f3a2c001000 rw-p 00000000 08:01 99 /opt/monitor/Quartz.dll", 0L)]
    [InlineData("7f3a2c000000-7f3a2c200000 rw-s 00000000 00:01 5 /memfd:doublemapper (deleted)", 0L)]
    [InlineData("7f3a2c000000-7f3a2c200000 r-xs 00000000 00:01 5 /memfd:doublemapper (deleted)", 0L)]
    [InlineData("7f3a2c000000-7f3a2c021000 rw-p 00000000 00:00 0 ", 0L)]
    [InlineData("7ffd1a5f2000-7ffd1a5f4000 r-xp 00000000 00:00 0                          [vdso]", 0L)]
    [InlineData("not a mapping", 0L)]
    public void Only_read_only_mappings_of_real_files_are_paged_out(string line, long expectedLength)
    {
        var accepted = FileMappingPager.TryParseReadOnlyFileMapping(line, out _, out var length);
        Assert.Equal(expectedLength > 0, accepted);
        Assert.Equal(expectedLength, length);
    }

    private IdleMemoryTrimmer Trimmer(bool enabled = true, TimeSpan minInterval = default)
    {
        var options = new MonitorOptions { Memory = new MemoryOptions { TrimWhenIdle = enabled, QuietPeriod = Quiet, MinInterval = minInterval } };
        var trimmer = new IdleMemoryTrimmer(Options.Create(options), _releaser, _clock, NullLogger<IdleMemoryTrimmer>.Instance);
        _releaser.Trimmer = trimmer;
        return trimmer;
    }

    private void RunJob(IdleMemoryTrimmer trimmer, long allocates)
    {
        trimmer.WorkStarted();
        _releaser.AllocatedBytes += allocates;
        _clock.Advance(TimeSpan.FromSeconds(1));
        trimmer.WorkEnded();
    }
}
