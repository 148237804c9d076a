using Microsoft.Extensions.Configuration;

namespace Monitor.Worker.Configuration;

/// <summary>
/// Builds the configuration every command uses: the JSON file (reloaded on change), then environment variables
/// (<c>Monitor__Mail__Password</c> overrides <c>Monitor:Mail:Password</c>), then command-line overrides.
/// </summary>
public static class MonitorConfiguration
{
    public static IConfigurationBuilder AddMonitorSources(this IConfigurationBuilder builder, string configFile, bool reloadOnChange)
    {
        var json = new IndexedJsonConfigurationSource { Path = configFile, Optional = false, ReloadOnChange = reloadOnChange };
        json.ResolveFileProvider(); // as AddJsonFile does: an absolute path gets a file provider rooted at its folder
        builder.Add(json);
        builder.AddEnvironmentVariables();
        return builder;
    }

    public static IConfigurationRoot Build(string configFile, bool reloadOnChange = false) =>
        new ConfigurationBuilder().AddMonitorSources(configFile, reloadOnChange).Build();

    /// <summary>The data folder as an absolute path: relative paths are relative to the configuration file's folder.</summary>
    public static MonitorPaths ResolvePaths(string configFile, MonitorOptions options)
    {
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(configFile))!;
        var data = Path.IsPathRooted(options.DataFolder) ? options.DataFolder : Path.GetFullPath(Path.Combine(baseDir, options.DataFolder));
        return new MonitorPaths(Path.GetFullPath(configFile), data);
    }
}
