using Microsoft.Extensions.Configuration;

namespace Monitor.Worker.Configuration;

/// <summary>
/// Binds the "Monitor" section piece by piece so that one bad value does not hide the others: every value that cannot
/// be converted, and every key no option knows (a typo), becomes an error naming its JSON path.
/// </summary>
public static class OptionsBinder
{
    public static (MonitorOptions Options, IReadOnlyList<string> Errors) Bind(IConfiguration configuration)
    {
        var errors = new List<string>();
        var options = new MonitorOptions();
        var section = configuration.GetSection(MonitorOptions.SectionName);
        if (!section.Exists())
        {
            errors.Add($"{MonitorOptions.SectionName}: the section is missing");
            return (options, errors);
        }

        foreach (var child in section.GetChildren())
        {
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
        return (options, errors);
    }

    private static void BindList(IConfigurationSection section, System.Collections.IList list, Type itemType, List<string> errors)
    {
        foreach (var child in section.GetChildren().OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue))
        {
            var item = Activator.CreateInstance(itemType)!;
            BindOne(child, item, errors);
            list.Add(item);
        }
    }

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

    /// <summary>Turns the binder's message into "path: reason", keeping the path the binder names when it names one.</summary>
    private static string Describe(string path, InvalidOperationException ex)
    {
        var message = ex.Message;
        const string marker = "configuration value at '";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        if (at >= 0)
        {
            var start = at + marker.Length;
            var end = message.IndexOf('\'', start);
            if (end > start)
            {
                var valuePath = message[start..end];
                var typeMarker = "to type '";
                var t = message.IndexOf(typeMarker, StringComparison.Ordinal);
                var type = t >= 0 ? message[(t + typeMarker.Length)..].TrimEnd('.', '\'') : "the expected type";
                return $"{valuePath}: cannot be read as {FriendlyType(type)}";
            }
        }
        if (message.Contains("were not found on type", StringComparison.Ordinal) || message.Contains("was not found", StringComparison.Ordinal))
        {
            var q1 = message.IndexOf('\'');
            var q2 = q1 >= 0 ? message.IndexOf('\'', q1 + 1) : -1;
            var keys = q2 > q1 ? message[(q1 + 1)..q2] : "?";
            return $"{path}: unknown setting(s) {keys}";
        }
        return $"{path}: {message}";
    }

    private static string FriendlyType(string type) => type switch
    {
        "System.TimeSpan" => "a duration (hh:mm:ss)",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Boolean" => "true or false",
        "System.Double" => "a number",
        _ => type,
    };
}
