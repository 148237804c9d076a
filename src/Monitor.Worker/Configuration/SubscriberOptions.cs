namespace Monitor.Worker.Configuration;

/// <summary>A subscriber as seeded from the configuration file (the store is the live copy).</summary>
public sealed class SubscriberOptions
{
    public string Email { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Language of the digest frame: "ar" (default) or "en".</summary>
    public string Language { get; set; } = "ar";
    public string TimeZone { get; set; } = "Asia/Damascus";
    /// <summary>"immediate", "hourly", "daily HH:MM", "weekly DAY HH:MM" (DAY: mon..sun).</summary>
    public string Frequency { get; set; } = "daily 08:00";
    /// <summary>Topics wanted; empty means everything.</summary>
    public List<string> Topics { get; set; } = [];
    public List<string> WatchLists { get; set; } = [];
    public List<string> MutedSources { get; set; } = [];
    /// <summary>Only stories reported by at least this many sources.</summary>
    public int MinSources { get; set; } = 1;
}
