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
            // The fetch and ingest side (HTTP clients, feed reader, ingestor, digests, mail) is built on the other core
            // while the store starts (SQLite loaded, migrations checked, the file's sources and subscribers seeded):
            // neither needs the other until the first poll.
            var building = Task.Run(services.GetRequiredService<CycleRunner>, token);
            try
            {
                await services.GetRequiredService<StoreSeeder>().SeedAsync(token);
                Hosting.StartupTrace.Mark("store seeded");
                await PruneCandidateIndexAsync(services, token);
                Hosting.StartupTrace.Mark("candidate index pruned");
            }
            finally
            {
                // If the store cannot start, the build is not left running against services being disposed.
                await Task.WhenAny(building);
            }
            var runner = await building;
            Hosting.StartupTrace.Mark("cycle runner built");
            var summary = await runner.RunAsync(parse.GetValue(force), token);
            Hosting.StartupTrace.Mark("cycle done");
            foreach (var line in summary.Lines()) Console.WriteLine(line);
            Hosting.StartupTrace.Mark("summary printed");
            return summary.AnyFailed ? CommandHost.ExitFailed : CommandHost.ExitOk;
        }, ct, seed: false));
        return command;
    }

    /// <summary>What the service's hourly maintenance does, before the cycle. A store that cannot prune now (locked,
    /// unreachable) does not stop the cycle: the keys are only older than the window, and the next run prunes them.</summary>
    private static async Task PruneCandidateIndexAsync(IServiceProvider services, CancellationToken ct)
    {
        try { await services.GetRequiredService<CandidateWindowPruner>().PruneAsync(ct); }
        catch (Storage.StoreUnavailableException ex)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OnceCommand)).LogWarning(
                "Candidate index not pruned this run: {Message}", ex.Message);
        }
    }
}
