using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using Monitor.Core.Tagging;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// Holds the compiled topic and watch-list matcher and swaps it when the configuration file changes. A change that
/// does not validate is refused with every problem logged, and the last good matcher stays in use.
/// </summary>
public sealed class TaggingRulesProvider : IDisposable
{
    public const string SectionPath = "Monitor:Tagging";
    private readonly IConfiguration _configuration;
    private readonly ILogger<TaggingRulesProvider> _logger;
    private readonly IDisposable _subscription;
    private TagMatcher _current;

    public TaggingRulesProvider(IConfiguration configuration, ILogger<TaggingRulesProvider> logger)
    {
        _configuration = configuration;
        _logger = logger;
        var (matcher, errors) = Compile(configuration);
        // Start-up validation has already refused a bad file; an empty matcher is the safe fallback if it was skipped.
        _current = matcher ?? TagMatcher.Compile(new TaggingOptions());
        if (errors.Count > 0) _logger.LogError("Tagging rules invalid at start: {Errors}", string.Join("; ", errors));
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    public TagMatcher Current => Volatile.Read(ref _current);

    /// <summary>Incremented at each successful reload (for tests and the admin page).</summary>
    public int Generation { get; private set; }

    public static (TagMatcher? Matcher, IReadOnlyList<string> Errors) Compile(IConfiguration configuration)
    {
        var options = new TaggingOptions();
        try
        {
            configuration.GetSection(SectionPath).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            return (null, [$"{SectionPath}: {ex.Message}"]);
        }
        var errors = TaggingOptionsValidator.Validate(options, SectionPath);
        return errors.Count > 0 ? (null, errors) : (TagMatcher.Compile(options), errors);
    }

    private void Reload()
    {
        var (matcher, errors) = Compile(_configuration);
        if (matcher is null)
        {
            _logger.LogError("Tagging rules change refused, keeping the last good rules: {Errors}", string.Join("; ", errors));
            return;
        }
        Volatile.Write(ref _current, matcher);
        Generation++;
        _logger.LogInformation("Tagging rules reloaded: {Terms} terms", matcher.TermCount);
    }

    public void Dispose() => _subscription.Dispose();
}
