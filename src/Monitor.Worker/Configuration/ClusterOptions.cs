namespace Monitor.Worker.Configuration;

/// <summary>
/// How workers sharing one PostgreSQL database form a Quartz cluster (ignored with SQLite, where the schedule lives in
/// memory and one worker runs alone). Every node must use the same <see cref="SchedulerName"/>; each gets its own id.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>The cluster's name (Quartz <c>sched_name</c>): nodes with the same name share jobs.</summary>
    public string SchedulerName { get; set; } = "Monitor";
    /// <summary>How often a node records in the database that it is alive.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>How long past a missed check-in the other nodes wait before taking over a node's jobs. A dead node's
    /// work moves within about <see cref="CheckinInterval"/> + this.</summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>Jobs one node runs at once (polls, digests, outbox, maintenance). Default 160, whatever the cores: a poll
    /// spends nearly all its time waiting for a publisher, and waiting costs no thread (the jobs are async). The network
    /// is bounded by Fetch:MaxConcurrency and Fetch:PerHostConcurrency, CPU by the cores and the store's one writer; a
    /// small pool here would be a third, narrower gate, where a few publishers that never answer (or one site's many
    /// feeds queued for their per-host turn) hold every slot and stop the other sources, the digests and the outbox
    /// until Fetch:Timeout frees them. Kept above Fetch:MaxConcurrency (128) so digests and the outbox find a slot while
    /// every fetch slot is busy.</summary>
    public int MaxConcurrency { get; set; } = 160;
}
