namespace Monitor.Worker.Fetching;

/// <summary>Human renderings of sizes and durations for error and health messages.</summary>
internal static class Sizes
{
    public static string Format(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MiB",
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MiB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KiB",
        >= 1024 => $"{bytes / 1024.0:0.#} KiB",
        1 => "1 byte",
        _ => $"{bytes} bytes",
    };

    public static string Seconds(TimeSpan span) =>
        span.TotalSeconds >= 1 && span.TotalSeconds % 1 == 0 ? $"{span.TotalSeconds:0} s" : $"{span.TotalSeconds:0.###} s";

    /// <summary>"3 d 4 h", "2 h 5 min", "45 min", "30 s": the two largest units, enough for an operator.</summary>
    public static string Duration(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } => span.Hours == 0 ? $"{span.Days} d" : $"{span.Days} d {span.Hours} h",
        { TotalHours: >= 1 } => span.Minutes == 0 ? $"{span.Hours} h" : $"{span.Hours} h {span.Minutes} min",
        { TotalMinutes: >= 1 } => $"{(int)span.TotalMinutes} min",
        _ => $"{Math.Max(0, (int)span.TotalSeconds)} s",
    };
}
