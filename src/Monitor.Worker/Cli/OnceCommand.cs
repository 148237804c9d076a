using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Worker.Pipeline;

namespace Monitor.Worker.Cli;

/// <summary><c>once</c>: one full cycle (poll every source, process, send what is due), a summary, exit 0 or 1.</summary>
public static class OnceCommand
{
    public static Command Create()
    {
        var force = new Option<bool>("--force") { Description = "Poll sources even when they are backing off after errors" };
        var command = new Command("once", "Run one full cycle, print a summary, exit 1 if anything failed");
        command.Options.Add(force);
        command.SetAction((parse, ct) => CommandHost.WithServicesAsync(parse, async (services, token) =>
        {
            var summary = await services.GetRequiredService<CycleRunner>().RunAsync(parse.GetValue(force), token);
            foreach (var line in summary.Lines()) Console.WriteLine(line);
            return summary.AnyFailed ? CommandHost.ExitFailed : CommandHost.ExitOk;
        }, ct));
        return command;
    }
}
