namespace Monitor.Worker.Configuration;

/// <summary>Finds the operator's configuration file: --config, else MONITOR_CONFIG, else appsettings.json in the
/// current folder (the repository root in the quick start), else next to the executable.</summary>
public static class ConfigFileLocator
{
    public const string DefaultFileName = "appsettings.json";

    public static string Locate(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath)) return Path.GetFullPath(explicitPath);
        var fromEnv = Environment.GetEnvironmentVariable("MONITOR_CONFIG");
        if (!string.IsNullOrWhiteSpace(fromEnv)) return Path.GetFullPath(fromEnv);
        var inCwd = Path.GetFullPath(DefaultFileName);
        if (File.Exists(inCwd)) return inCwd;
        var besideExe = Path.Combine(AppContext.BaseDirectory, DefaultFileName);
        return File.Exists(besideExe) ? besideExe : inCwd;
    }
}
