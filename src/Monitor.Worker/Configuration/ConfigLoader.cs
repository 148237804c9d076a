using Microsoft.Extensions.Configuration;
using Monitor.Core.Dedup;
using Monitor.Core.Digests;
using Monitor.Core.Tagging;
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

        /// <summary>The topic and watch-list matcher compiled while validating <see cref="Configuration"/> (null when
        /// the rules are invalid): a command's <see cref="TaggingRulesProvider"/> starts from it instead of compiling
        /// the same taxonomy a second time.</summary>
        public TagMatcher? TagMatcher { get; init; }
    }

    public static Loaded Load(string? explicitPath, bool reloadOnChange = false) => Load(explicitPath, reloadOnChange, alongside: null);

    /// <summary>Loads and checks the file; <paramref name="alongside"/>, when given, runs beside the binding and the
    /// taxonomy's compilation once the file has been read (a command prepares what it will need next, such as the
    /// storage library, on the core the validation leaves free).</summary>
    public static Loaded Load(string? explicitPath, bool reloadOnChange, Action<IConfiguration>? alongside)
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
            // The innermost exception is the JSON reader's, with the line and position of the mistake.
            var cause = ex;
            while (cause.InnerException is not null) cause = cause.InnerException;
            return Failed(file, $"{file}: not valid JSON: {cause.Message}");
        }

        // Binding the options and binding and compiling the taxonomy are the two large parts of a start (tens of
        // milliseconds each in a short-lived process) and independent: on two cores they take the time of the larger.
        // The taxonomy is bound and compiled in its lane and handed to the options; the errors read as one binding's would.
        (MonitorOptions Options, List<string> Errors, int TaggingAt) bound = (new MonitorOptions(), [], -1);
        var taxonomy = new TaxonomyLane();
        Parallel.Invoke(
            () => bound = OptionsBinder.Bind(configuration, deferred: nameof(MonitorOptions.Tagging)),
            () => taxonomy.Run(configuration),
            () => alongside?.Invoke(configuration));
        var (options, all, taggingAt) = bound;
        options.Tagging = taxonomy.Options;
        if (taggingAt >= 0) all.InsertRange(taggingAt, taxonomy.BindErrors);
        var (matcher, taggingErrors) = (taxonomy.Matcher, taxonomy.CompileErrors);
        all.AddRange(MonitorOptionsValidator.Validate(options));
        all.AddRange(DedupOptions.Validate(options.Dedup, $"{MonitorOptions.SectionName}:Dedup"));
        all.AddRange(taggingErrors);
        var topics = options.Tagging.Topics.SelectMany(t => new[] { t.Id, t.Name }).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var lists = options.Tagging.WatchLists.Select(w => w.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Subscribers.Count; i++)
        {
            var s = options.Subscribers[i];
            for (var t = 0; t < s.Topics.Count; t++)
                if (!topics.Contains(s.Topics[t])) all.Add($"{MonitorOptions.SectionName}:Subscribers:{i}:Topics:{t}: \"{s.Topics[t]}\" is not a configured topic id or name");
            for (var w = 0; w < s.WatchLists.Count; w++)
                if (!lists.Contains(s.WatchLists[w])) all.Add($"{MonitorOptions.SectionName}:Subscribers:{i}:WatchLists:{w}: \"{s.WatchLists[w]}\" is not a configured watch list");
            if (!DigestSchedule.TryParse(s.Frequency, s.TimeZone, out _, out var error) && MonitorOptionsValidator.IsTimeZone(s.TimeZone))
                all.Add($"{MonitorOptions.SectionName}:Subscribers:{i}:Frequency: {error}");
        }
        return new Loaded(file, configuration, options, MonitorConfiguration.ResolvePaths(file, options), all) { TagMatcher = matcher };
    }

    /// <summary>The taxonomy's own lane: Monitor:Tagging bound strictly (as the options binder binds every part, for its
    /// errors and the options' copy), and compiled from the configuration as the provider reads it, so that this check
    /// and the running service's hot reload compile from the same binding (the build-time generated binder in the
    /// native build; the strict pass is reflection, see OptionsBinder).</summary>
    private sealed class TaxonomyLane
    {
        public TaggingOptions Options { get; } = new();
        public IReadOnlyList<string> BindErrors { get; private set; } = [];
        public TagMatcher? Matcher { get; private set; }
        public IReadOnlyList<string> CompileErrors { get; private set; } = [];

        public void Run(IConfiguration configuration)
        {
            BindErrors = OptionsBinder.BindSection(configuration.GetSection(TaggingRulesProvider.SectionPath), Options);
            (Matcher, CompileErrors) = TaggingRulesProvider.Compile(configuration);
        }
    }

    private static Loaded Failed(string file, string error) =>
        new(file, new ConfigurationBuilder().Build(), new MonitorOptions(), new MonitorPaths(file, Path.GetDirectoryName(file) ?? "."), [error]);
}
