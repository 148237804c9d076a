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
    /// <summary>Jobs one node runs at once.</summary>
    public int MaxConcurrency { get; set; } = Math.Max(4, Environment.ProcessorCount * 2);
}
