namespace Monitor.Benchmarks.Support;

/// <summary>The few option shapes the scenarios take: `--name value` and `--flag`.</summary>
public static class Args
{
    public static int Int(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }

    public static string? String(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static bool Flag(string[] args, string name) => Array.IndexOf(args, name) >= 0;

    /// <summary>Every `--env NAME=VALUE` pair, in order: variables for the service processes a scenario starts.</summary>
    public static IEnumerable<(string Name, string Value)> Env(string[] args)
    {
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] != "--env") continue;
            var pair = args[i + 1];
            var eq = pair.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--env takes NAME=VALUE, not \"{pair}\"");
            yield return (pair[..eq], pair[(eq + 1)..]);
        }
    }
}
