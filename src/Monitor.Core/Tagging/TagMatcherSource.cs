namespace Monitor.Core.Tagging;

/// <summary>
/// The matcher in force, for hot reload: the host calls <see cref="TryUpdate"/> when the configuration file changes
/// (e.g. from IOptionsMonitor.OnChange). A valid change replaces the matcher atomically, so the next item is tagged
/// with the new rules; an invalid change is refused with every error and the last good matcher stays.
/// </summary>
public sealed class TagMatcherSource(TagMatcher initial)
{
    private volatile TagMatcher _current = initial ?? throw new ArgumentNullException(nameof(initial));

    public TagMatcher Current => _current;

    /// <summary>Compiles <paramref name="options"/>; on success swaps it in and returns no errors.</summary>
    public IReadOnlyList<string> TryUpdate(TaggingOptions options)
    {
        var matcher = TagMatcher.TryCompile(options, out var errors);
        if (matcher is not null) _current = matcher;
        return errors;
    }
}
