using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Worker.Configuration;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Cli;

/// <summary><c>sources list|add|remove|test|poll</c>: the sources and their health.</summary>
public static class SourceCommands
{
    public static Command Create()
    {
        var command = new Command("sources", "Manage sources and see their health");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Poll());
        var test = FeedTestCommand.Create();
        command.Subcommands.Add(test);
        return command;
    }

    private static Command List()
    {
        var json = CliOptions.Json();
        var command = new Command("list", "List sources with last success, last error and consecutive failures");
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandHost.WithServicesAsync(parse, async (services, token) =>
        {
            var all = await services.GetRequiredService<ISourceStore>().ListSourcesAsync(token);
            var health = services.GetRequiredService<SourceHealthReader>();
            var rows = new List<(SourceRecord Source, Fetching.SourceHealthReport Health)>();
            foreach (var s in all) rows.Add((s, await health.AssessAsync(s, token)));
            if (parse.GetValue(json))
                JsonOutput.Write(rows.Select(r => new SourceListRow(
                    r.Source.Id, r.Source.Name, r.Source.Url, r.Source.Type, r.Source.Interval.ToString(), r.Source.Primary, r.Source.Enabled,
                    r.Health.State, r.Health.Message,
                    JsonOutput.Utc(r.Source.LastSuccessAt), JsonOutput.Utc(r.Source.LastAttemptAt),
                    JsonOutput.Utc(r.Source.LastNewItemAt), r.Source.ConsecutiveFailures, r.Source.LastError,
                    JsonOutput.Utc(r.Source.NextPollAt), r.Source.BlockPrivateAddresses)).ToList());
            else
                foreach (var (s, h) in rows)
                    Console.WriteLine($"{s.Id,-16} {(s.Enabled ? h.State.ToString().ToLowerInvariant() : "paused"),-10} last ok {JsonOutput.Utc(s.LastSuccessAt) ?? "never",-21} {s.Url}\n    {h.Message}");
            return CommandHost.ExitOk;
        }, ct));
        return command;
    }

    private static Command Add()
    {
        var id = new Argument<string>("id");
        var url = new Argument<string>("url");
        var name = new Option<string?>("--name");
        var interval = new Option<TimeSpan>("--interval") { DefaultValueFactory = _ => TimeSpan.FromMinutes(15) };
        var primary = new Option<bool>("--primary") { Description = "The original publisher (outranks republishers)" };
        var zone = new Option<string>("--time-zone") { DefaultValueFactory = _ => "Asia/Damascus" };
        var command = new Command("add", "Add a feed source (or update the one with this id)");
        command.Arguments.Add(id);
        command.Arguments.Add(url);
        foreach (var o in new Option[] { name, interval, primary, zone }) command.Options.Add(o);
        command.SetAction((parse, ct) => CommandHost.WithServicesAsync(parse, async (services, token) =>
        {
            var options = new SourceOptions
            {
                Id = parse.GetValue(id)!, Url = parse.GetValue(url)!, Name = parse.GetValue(name) ?? parse.GetValue(id)!,
                Interval = parse.GetValue(interval), Primary = parse.GetValue(primary), TimeZone = parse.GetValue(zone)!,
            };
            var errors = MonitorOptionsValidator.Validate(new MonitorOptions { Sources = [options] })
                .Where(e => e.StartsWith("Monitor:Sources:0:", StringComparison.Ordinal)).Select(e => e["Monitor:Sources:0:".Length..]).ToList();
            if (errors.Count > 0) { foreach (var e in errors) Console.Error.WriteLine("error: " + e); return CommandHost.ExitUsage; }
            await services.GetRequiredService<ISourceStore>().UpsertSourcesAsync([StoreSeeder.ToRecord(options)], token);
            Console.WriteLine($"source {options.Id} saved; the running service schedules it within a minute");
            return CommandHost.ExitOk;
        }, ct));
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("id");
        var command = new Command("remove", "Remove a source (its stored items stay)");
        command.Arguments.Add(id);
        command.SetAction((parse, ct) => CommandHost.WithServicesAsync(parse, async (services, token) =>
        {
            var removed = await services.GetRequiredService<ISourceStore>().RemoveSourceAsync(parse.GetValue(id)!, token);
            Console.WriteLine(removed ? "removed" : "no such source");
            return removed ? CommandHost.ExitOk : CommandHost.ExitFailed;
        }, ct));
        return command;
    }

    private static Command Poll()
    {
        var id = new Argument<string>("id");
        var command = new Command("poll", "Poll one source now and store what is new");
        command.Arguments.Add(id);
        command.SetAction((parse, ct) => CommandHost.WithServicesAsync(parse, async (services, token) =>
        {
            var outcome = await services.GetRequiredService<SourcePoller>().PollAsync(parse.GetValue(id)!, PollMode.Forced, token);
            Console.WriteLine(outcome);
            return outcome.Failed ? CommandHost.ExitFailed : CommandHost.ExitOk;
        }, ct));
        return command;
    }
}
