using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;

namespace Monitor.Worker.Configuration;

/// <summary>
/// Binds the "Monitor" section piece by piece so that one bad value does not hide the others: every value that cannot
/// be converted, and every key no option knows (a typo), becomes an error naming its JSON path.
/// </summary>
public static partial class OptionsBinder
{
    // Reflection over the option classes is safe in the native build: they live in this assembly, which the AOT publish
    // keeps whole (TrimmerRootAssembly in Monitor.Worker.csproj), and they hold no collections of value types that
    // would need code generated at run time. The lists they hold are framework types, which are not kept whole: the
    // binder finds ICollection<T>.Add by reflection and, without its metadata, silently adds nothing (a subscriber's
    // topics came out empty), so every list type of the options is named below. A new list type in the options must
    // be added there; the end-to-end tests run the native build and check a subscriber's topics and watch lists.
    public static (MonitorOptions Options, IReadOnlyList<string> Errors) Bind(IConfiguration configuration)
    {
        var (options, errors, _) = Bind(configuration, deferred: null);
        return (options, errors);
    }

    /// <summary>
    /// As <see cref="Bind(IConfiguration)"/>, except that the child section named <paramref name="deferred"/> is left
    /// for the caller (who binds it elsewhere with <see cref="BindSection"/>, for instance on another core): its
    /// property keeps its default, and <c>DeferredAt</c> says where in the error list its errors belong (-1 when the
    /// file has no such section), so that the merged list reads exactly as one <see cref="Bind(IConfiguration)"/> would.
    /// </summary>
    [UnconditionalSuppressMessage("AOT", "IL2026", Justification = "option classes are rooted; see above")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "option classes are rooted; see above")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(List<string>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(ICollection<string>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(List<Monitor.Core.Tagging.WatchListOptions>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(ICollection<Monitor.Core.Tagging.WatchListOptions>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(List<Monitor.Core.Tagging.TopicOptions>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(ICollection<Monitor.Core.Tagging.TopicOptions>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(List<Monitor.Core.Tagging.WatchEntryOptions>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(ICollection<Monitor.Core.Tagging.WatchEntryOptions>))]
    public static (MonitorOptions Options, List<string> Errors, int DeferredAt) Bind(IConfiguration configuration, string? deferred)
    {
        var deferredAt = -1;
        var errors = new List<string>();
        var options = new MonitorOptions();
        var section = configuration.GetSection(MonitorOptions.SectionName);
        if (!section.Exists())
        {
            errors.Add($"{MonitorOptions.SectionName}: the section is missing");
            return (options, errors, deferredAt);
        }

        foreach (var child in section.GetChildren())
        {
            if (deferred is not null && string.Equals(child.Key, deferred, StringComparison.OrdinalIgnoreCase))
            {
                deferredAt = errors.Count;
                continue;
            }
            var property = typeof(MonitorOptions).GetProperty(child.Key,
                System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            if (property is null)
            {
                errors.Add($"{child.Path}: unknown setting");
                continue;
            }
            var current = property.GetValue(options);
            if (current is System.Collections.IList list && property.PropertyType.IsGenericType)
            {
                BindList(child, list, property.PropertyType.GetGenericArguments()[0], errors);
            }
            else if (current is not null && !property.PropertyType.IsValueType && property.PropertyType != typeof(string))
            {
                BindOne(child, current, errors);
            }
            else
            {
                try { property.SetValue(options, child.Get(property.PropertyType)); }
                catch (InvalidOperationException ex) { errors.Add(Describe(child.Path, ex)); }
            }
        }
        return (options, errors, deferredAt);
    }

    /// <summary>Binds one section onto <paramref name="target"/> as <see cref="Bind(IConfiguration)"/> binds each part
    /// of the Monitor section: unknown keys and unreadable values become errors naming their path.</summary>
    public static IReadOnlyList<string> BindSection(IConfigurationSection section, object target)
    {
        var errors = new List<string>();
        BindOne(section, target, errors);
        return errors;
    }

    [UnconditionalSuppressMessage("AOT", "IL2067", Justification = "option classes are rooted; see above")]
    private static void BindList(IConfigurationSection section, System.Collections.IList list, Type itemType, List<string> errors)
    {
        foreach (var child in section.GetChildren().OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue))
        {
            var item = Activator.CreateInstance(itemType)!;
            BindOne(child, item, errors);
            list.Add(item);
        }
    }

    [UnconditionalSuppressMessage("AOT", "IL2026", Justification = "option classes are rooted; see above")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "option classes are rooted; see above")]
    private static void BindOne(IConfigurationSection section, object target, List<string> errors)
    {
        try
        {
            section.Bind(target, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            errors.Add(Describe(section.Path, ex));
        }
    }

    /// <summary>Turns the binder's message into "path: reason", keeping the exact path and value the binder names.</summary>
    private static string Describe(string path, InvalidOperationException ex)
    {
        var conversion = ConversionFailure().Match(ex.Message);
        if (conversion.Success)
            return $"{conversion.Groups["path"].Value}: \"{conversion.Groups["value"].Value}\" cannot be read as {FriendlyType(conversion.Groups["type"].Value)}";
        var unknown = UnknownKeys().Match(ex.Message);
        if (unknown.Success) return $"{path}: unknown setting(s) {unknown.Groups["keys"].Value}";
        return $"{path}: {ex.Message}";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"value '(?<value>[^']*)' at '(?<path>[^']+)' to type '(?<type>[^']+)'")]
    private static partial System.Text.RegularExpressions.Regex ConversionFailure();

    [System.Text.RegularExpressions.GeneratedRegex(@"keys? (?<keys>'[^']+'(?:, '[^']+')*) (?:was|were) not found")]
    private static partial System.Text.RegularExpressions.Regex UnknownKeys();

    private static string FriendlyType(string type) => type switch
    {
        "System.TimeSpan" => "a duration (hh:mm:ss)",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Boolean" => "true or false",
        "System.Double" => "a number",
        _ => type,
    };
}
