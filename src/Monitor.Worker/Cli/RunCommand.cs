using System.CommandLine;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Cli;

/// <summary><c>run</c> (the default): the service — scheduler, pipeline, outbox, web endpoints — until SIGTERM/Ctrl+C.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run the service (the default)");
        command.SetAction((parse, ct) => ExecuteAsync(parse, [], ct));
        return command;
    }

    public static async Task<int> ExecuteAsync(ParseResult parse, string[] args, CancellationToken ct)
    {
        var config = CommandHost.LoadConfig(parse, Console.Error);
        if (config is null) return CommandHost.ExitUsage;
        var host = ServiceHost.Create(config, parse.GetValue(CliOptions.Verbose));
        await host.RunAsync();
        return CommandHost.ExitOk;
    }
}
