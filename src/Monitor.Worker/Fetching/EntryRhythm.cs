namespace Monitor.Worker.Fetching;

/// <summary>A source's posting rhythm, from the publication times of its recent entries.</summary>
public static class EntryRhythm
{
    /// <summary>How many of the most recent entries count: old history says little about today's rhythm.</summary>
    public const int Window = 20;

    /// <summary>
    /// The median gap between consecutive recent entries, or null with fewer than three entries (two gaps) to go on.
    /// The median, not the mean, so one quiet weekend or one burst of five posts does not skew it. Entries published at
    /// the same instant (batch imports) are one posting.
    /// </summary>
    public static TimeSpan? MedianGap(IReadOnlyList<DateTimeOffset> entryTimes)
    {
        var times = entryTimes.Distinct().OrderDescending().Take(Window).ToList();
        if (times.Count < 3)
        {
            return null;
        }
        var gaps = new List<TimeSpan>(times.Count - 1);
        for (var i = 1; i < times.Count; i++)
        {
            gaps.Add(times[i - 1] - times[i]);
        }
        gaps.Sort();
        var mid = gaps.Count / 2;
        return gaps.Count % 2 == 1 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
    }

    public static DateTimeOffset? Latest(IReadOnlyList<DateTimeOffset> entryTimes) =>
        entryTimes.Count == 0 ? null : entryTimes.Max();
}
