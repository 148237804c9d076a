using System.CommandLine;

namespace Monitor.Worker.Cli;

/// <summary>The command set. Each command lives in its own file; this is the index.</summary>
public static class MonitorCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Monitor: watches Arabic news and the coalition's channels, groups republished statements into stories, tags them and emails digests.");
        root.Options.Add(CliOptions.Config);
        root.Options.Add(CliOptions.Verbose);
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(OnceCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        var feed = new Command("feed", "Feed tools");
        feed.Subcommands.Add(FeedTestCommand.Create());
        root.Subcommands.Add(feed);
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(StoriesCommand.Create());
        root.Subcommands.Add(RetagCommand.Create());
        root.Subcommands.Add(DigestCommands.Create());
        root.Subcommands.Add(SubscriberCommands.Create());
        root.Subcommands.Add(SourceCommands.Create());
        root.Subcommands.Add(OutboxCommands.Create());
        // With no command the service runs, as a worker service should.
        root.SetAction((parse, ct) => RunCommand.ExecuteAsync(parse, args, ct));
        // Signals are left to the command: `run` lets the generic host stop gracefully (jobs finish or reach a safe
        // point), one-shot commands cancel at their next safe point (CommandHost.WithServicesAsync).
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, CancellationToken.None);
    }
}
