using System.CommandLine;

namespace Monitor.Worker.Cli;

/// <summary><c>validate</c>: check the configuration and print every problem by its JSON path.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var command = new Command("validate", "Check the configuration file and list every problem");
        command.SetAction(parse =>
        {
            var loaded = CommandHost.LoadConfig(parse, Console.Out);
            if (loaded is null) return CommandHost.ExitUsage;
            Console.WriteLine($"{loaded.ConfigFile}: valid ({loaded.Options.Sources.Count} sources, {loaded.Options.Subscribers.Count} subscribers)");
            return CommandHost.ExitOk;
        });
        return command;
    }
}
