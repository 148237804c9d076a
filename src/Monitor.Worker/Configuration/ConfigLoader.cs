using Microsoft.Extensions.Configuration;
using Monitor.Core.Dedup;
using Monitor.Core.Digests;
using Monitor.Worker.Pipeline;

namespace Monitor.Worker.Configuration;

/// <summary>
/// Reads and checks the configuration before any work starts: a missing file, broken JSON, values that cannot be read,
/// and every rule the validators know — all reported together, each with its JSON path.
/// </summary>
public static class ConfigLoader
{
    public sealed record Loaded(string ConfigFile, IConfigurationRoot Configuration, MonitorOptions Options, MonitorPaths Paths, IReadOnlyList<string> Errors)
    {
        public bool IsValid => Errors.Count == 0;
    }

    public static Loaded Load(string? explicitPath, bool reloadOnChange = false)
    {
        var file = ConfigFileLocator.Locate(explicitPath);
        if (!File.Exists(file))
            return Failed(file, $"{file}: configuration file not found (pass --config PATH or run from the folder that holds appsettings.json)");
        IConfigurationRoot configuration;
        try
        {
            configuration = MonitorConfiguration.Build(file, reloadOnChange);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or System.Text.Json.JsonException or IOException)
        {
            return Failed(file, $"{file}: not valid JSON: {(ex.InnerException ?? ex).Message}");
        }

        var (options, errors) = OptionsBinder.Bind(configuration);
        var all = new List<string>(errors);
        all.AddRange(MonitorOptionsValidator.Validate(options));
        all.AddRange(DedupOptions.Validate(options.Dedup, $"{MonitorOptions.SectionName}:Dedup"));
        all.AddRange(TaggingRulesProvider.Compile(configuration).Errors);
        for (var i = 0; i < options.Subscribers.Count; i++)
        {
            var s = options.Subscribers[i];
            if (!DigestSchedule.TryParse(s.Frequency, s.TimeZone, out _, out var error) && MonitorOptionsValidator.IsTimeZone(s.TimeZone))
                all.Add($"{MonitorOptions.SectionName}:Subscribers:{i}:Frequency: {error}");
        }
        return new Loaded(file, configuration, options, MonitorConfiguration.ResolvePaths(file, options), all);
    }

    private static Loaded Failed(string file, string error) =>
        new(file, new ConfigurationBuilder().Build(), new MonitorOptions(), new MonitorPaths(file, Path.GetDirectoryName(file) ?? "."), [error]);
}
