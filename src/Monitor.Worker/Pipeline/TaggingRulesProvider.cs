using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using Monitor.Core.Tagging;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// Keeps the compiled topic and watch-list matcher in step with the configuration file: when the file changes, the
/// Tagging section is read again; a valid change applies to the next item, an invalid one is refused with every
/// problem logged and the last good rules stay in force.
/// </summary>
public sealed class TaggingRulesProvider : IDisposable
{
    public const string SectionPath = "Monitor:Tagging";
    private readonly IConfiguration _configuration;
    private readonly ILogger<TaggingRulesProvider> _logger;
    private readonly TagMatcherSource _source;
    private readonly IDisposable _subscription;
    private int _generation;

    public TaggingRulesProvider(IConfiguration configuration, ILogger<TaggingRulesProvider> logger)
        : this(configuration, logger, compiled: null)
    {
    }

    /// <summary>Starts from <paramref name="compiled"/>, the rules already compiled from this same
    /// <paramref name="configuration"/> (a command's start-up validation did it), or compiles them when null.</summary>
    public TaggingRulesProvider(IConfiguration configuration, ILogger<TaggingRulesProvider> logger, TagMatcher? compiled)
    {
        _configuration = configuration;
        _logger = logger;
        var matcher = compiled;
        if (matcher is null)
        {
            (matcher, var errors) = Compile(configuration);
            // Start-up validation refuses a bad file before we get here; empty rules are the safe fallback if it was skipped.
            if (errors.Count > 0) _logger.LogError("Tagging rules invalid at start: {Errors}", string.Join("; ", errors));
        }
        _source = new TagMatcherSource(matcher ?? TagMatcher.Compile(new TaggingOptions()));
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    public TagMatcher Current => _source.Current;

    /// <summary>How many changes have been applied since start (the admin page shows it).</summary>
    public int Generation => Volatile.Read(ref _generation);

    public static (TagMatcher? Matcher, IReadOnlyList<string> Errors) Compile(IConfiguration configuration)
    {
        if (!TryBind(configuration, out var options, out var error)) return (null, [error!]);
        var matcher = TagMatcher.TryCompile(options, out var errors);
        return (matcher, errors);
    }

    private static bool TryBind(IConfiguration configuration, out TaggingOptions options, out string? error)
    {
        options = new TaggingOptions();
        error = null;
        try
        {
            configuration.GetSection(SectionPath).Bind(options);
            return true;
        }
        catch (InvalidOperationException ex)
        {
            error = $"{SectionPath}: {ex.Message}";
            return false;
        }
    }

    private void Reload()
    {
        IReadOnlyList<string> errors = TryBind(_configuration, out var options, out var error) ? _source.TryUpdate(options) : [error!];
        if (errors.Count > 0)
        {
            _logger.LogError("Tagging rules change refused, keeping the last good rules: {Errors}", string.Join("; ", errors));
            return;
        }
        Interlocked.Increment(ref _generation);
        _logger.LogInformation("Tagging rules reloaded: {Terms} terms", _source.Current.TermCount);
    }

    public void Dispose() => _subscription.Dispose();
}
