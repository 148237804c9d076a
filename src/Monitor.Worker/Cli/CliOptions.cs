using System.CommandLine;

namespace Monitor.Worker.Cli;

/// <summary>Options shared by every command.</summary>
public static class CliOptions
{
    public static readonly Option<string?> Config = new("--config", "-c")
    {
        Description = "Configuration file (default: ./appsettings.json, or MONITOR_CONFIG)",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log each step to stderr",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Write the result as JSON" };
}
