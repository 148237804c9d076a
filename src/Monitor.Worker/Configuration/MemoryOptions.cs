namespace Monitor.Worker.Configuration;

/// <summary>
/// What the long-running service does with its memory between bursts of work. A poll, a digest or an outbox run
/// grows the GC heap and the native allocator's arenas to their working size; between polls (minutes) almost all of
/// it is free but still committed. With <see cref="TrimWhenIdle"/> the service hands it back to the system once no
/// job has run for <see cref="QuietPeriod"/>: one compacting collection that decommits the free GC regions and, on
/// Linux with glibc, <c>malloc_trim</c> (docs/performance.md, "Idle memory, session 4").
/// </summary>
public sealed class MemoryOptions
{
    /// <summary>Give memory back once per quiet period (default on). Off: the heap stays at its working size.</summary>
    public bool TrimWhenIdle { get; set; } = true;
    /// <summary>How long after the last job ended (with none running) the memory is given back. Short enough to
    /// come well before the next poll, long enough that the jobs of one burst (a poll, then the digest it makes due,
    /// then the outbox) finish first.</summary>
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>The least time between two releases. A full compacting collection costs in proportion to what is live:
    /// milliseconds for a few MiB, about half a second of CPU with 100,000 recent items in the candidate index; when
    /// polls of many sources leave only short gaps, this keeps the collections from adding up.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>With each release, also ask Linux to drop this process's pages of read-only file mappings (runtime,
    /// assemblies, native libraries): clean copies of files, read back on demand by the next poll. Off by default:
    /// the kernel reclaims such pages by itself whenever memory is short, so this frees nothing it could not take
    /// anyway; it only lowers the resident figure (3-7 MiB) at the price of page faults on the next poll. For hosts
    /// that watch or limit the resident set itself.</summary>
    public bool PageOutFiles { get; set; }
}
