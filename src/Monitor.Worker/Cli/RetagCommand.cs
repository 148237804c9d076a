using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Worker.Pipeline;

namespace Monitor.Worker.Cli;

/// <summary><c>retag [--since T]</c>: apply the current topics and watch lists to stored stories.</summary>
public static class RetagCommand
{
    public static Command Create()
    {
        var since = new Option<string?>("--since") { Description = "Only stories active since (ISO 8601 or 24h, 7d); default all" };
        var command = new Command("retag", "Re-tag stored stories with the current rules");
        command.Options.Add(since);
        command.SetAction((parse, ct) => CommandHost.WithServicesAsync(parse, async (services, token) =>
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            if (!TimeArgument.TryParse(parse.GetValue(since), now, out var from, out var error))
            {
                Console.Error.WriteLine($"error: --since: {error}");
                return CommandHost.ExitUsage;
            }
            var count = await services.GetRequiredService<Retagger>().RetagAsync(from, (done, total) =>
            {
                if (done % 500 == 0 || done == total) Console.Error.Write($"\rretagged {done}/{total}");
            }, token);
            Console.Error.WriteLine();
            Console.WriteLine($"{count} stories re-tagged");
            return CommandHost.ExitOk;
        }, ct));
        return command;
    }
}
