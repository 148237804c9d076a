namespace Monitor.Core.Tagging;

/// <summary>Thrown by <see cref="TagMatcher.Compile"/> for an invalid configuration; carries every problem found.</summary>
public sealed class TaggingConfigurationException(IReadOnlyList<string> errors)
    : Exception("Invalid tagging configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
