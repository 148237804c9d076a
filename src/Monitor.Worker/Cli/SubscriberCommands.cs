using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Digests;
using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Cli;

/// <summary><c>subscribers list|add|remove|pause|resume</c>: manage subscribers in the store.</summary>
public static class SubscriberCommands
{
    public static Command Create()
    {
        var command = new Command("subscribers", "Manage subscribers");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(SetActive("pause", false));
        command.Subcommands.Add(SetActive("resume", true));
        return command;
    }

    private static Command List()
    {
        var json = CliOptions.Json();
        var command = new Command("list", "List subscribers");
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandHost.WithServicesAsync(parse, async (services, token) =>
        {
            var all = await services.GetRequiredService<ISubscriberStore>().ListSubscribersAsync(token);
            if (parse.GetValue(json))
                JsonOutput.Write(all.Select(s => new SubscriberListRow(s.Email, s.Name, s.Language, s.TimeZone, s.Frequency, s.Topics, s.WatchLists, s.MutedSources, s.MinSources, s.Active, JsonOutput.Utc(s.LastDigestAt))).ToList());
            else
                foreach (var s in all)
                    Console.WriteLine($"{s.Email,-32} {(s.Active ? "active" : "paused"),-7} {s.Frequency,-16} {s.TimeZone,-16} topics: {(s.Topics.Count == 0 ? "all" : string.Join(",", s.Topics))}  last: {JsonOutput.Utc(s.LastDigestAt) ?? "never"}");
            return CommandHost.ExitOk;
        }, ct));
        return command;
    }

    private static Command Add()
    {
        var email = new Argument<string>("email");
        var name = new Option<string>("--name") { DefaultValueFactory = _ => "" };
        var language = new Option<string>("--language") { DefaultValueFactory = _ => "ar", Description = "ar or en" };
        var zone = new Option<string>("--time-zone") { DefaultValueFactory = _ => "Asia/Damascus" };
        var frequency = new Option<string>("--frequency") { DefaultValueFactory = _ => "daily 08:00", Description = "immediate | hourly | daily HH:MM | weekly DAY HH:MM" };
        var topics = new Option<string[]>("--topic") { Description = "A topic wanted (repeatable; none = everything)", AllowMultipleArgumentsPerToken = true };
        var lists = new Option<string[]>("--watch-list") { Description = "A watch list wanted (repeatable)", AllowMultipleArgumentsPerToken = true };
        var muted = new Option<string[]>("--mute") { Description = "A source id to leave out (repeatable)", AllowMultipleArgumentsPerToken = true };
        var min = new Option<int>("--min-sources") { DefaultValueFactory = _ => 1 };
        var command = new Command("add", "Add a subscriber, or update one with the same address");
        command.Arguments.Add(email);
        foreach (var o in new Option[] { name, language, zone, frequency, topics, lists, muted, min }) command.Options.Add(o);
        command.SetAction((parse, ct) => CommandHost.WithServicesAsync(parse, async (services, token) =>
        {
            var options = new SubscriberOptions
            {
                Email = parse.GetValue(email)!, Name = parse.GetValue(name)!, Language = parse.GetValue(language)!,
                TimeZone = parse.GetValue(zone)!, Frequency = parse.GetValue(frequency)!,
                Topics = [.. parse.GetValue(topics) ?? []], WatchLists = [.. parse.GetValue(lists) ?? []],
                MutedSources = [.. parse.GetValue(muted) ?? []], MinSources = parse.GetValue(min),
            };
            var errors = SubscriberInput.Validate(options);
            if (errors.Count > 0) { foreach (var e in errors) Console.Error.WriteLine("error: " + e); return CommandHost.ExitUsage; }
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var saved = await services.GetRequiredService<ISubscriberStore>().UpsertSubscriberAsync(Pipeline.StoreSeeder.ToRecord(options, now), token);
            Console.WriteLine($"subscriber {saved.Email} saved");
            return CommandHost.ExitOk;
        }, ct));
        return command;
    }

    private static Command Remove()
    {
        var email = new Argument<string>("email");
        var command = new Command("remove", "Remove a subscriber");
        command.Arguments.Add(email);
        command.SetAction((parse, ct) => CommandHost.WithServicesAsync(parse, async (services, token) =>
        {
            var removed = await services.GetRequiredService<ISubscriberStore>().RemoveSubscriberAsync(parse.GetValue(email)!, token);
            Console.WriteLine(removed ? "removed" : "no such subscriber");
            return removed ? CommandHost.ExitOk : CommandHost.ExitFailed;
        }, ct));
        return command;
    }

    private static Command SetActive(string name, bool active)
    {
        var email = new Argument<string>("email");
        var command = new Command(name, active ? "Resume a paused subscriber" : "Pause a subscriber (no digests until resumed)");
        command.Arguments.Add(email);
        command.SetAction((parse, ct) => CommandHost.WithServicesAsync(parse, async (services, token) =>
        {
            var ok = await services.GetRequiredService<ISubscriberStore>().SetSubscriberActiveAsync(parse.GetValue(email)!, active, token);
            Console.WriteLine(ok ? (active ? "resumed" : "paused") : "no such subscriber");
            return ok ? CommandHost.ExitOk : CommandHost.ExitFailed;
        }, ct));
        return command;
    }
}

/// <summary>The checks a subscriber gets wherever it is entered (file, command, admin page), with field names.</summary>
public static class SubscriberInput
{
    public static IReadOnlyList<string> Validate(SubscriberOptions s)
    {
        var wrapper = new MonitorOptions { Subscribers = [s], Sources = [] };
        var errors = MonitorOptionsValidator.Validate(wrapper)
            .Where(e => e.StartsWith("Monitor:Subscribers:0:", StringComparison.Ordinal) && !e.Contains(":MutedSources:", StringComparison.Ordinal))
            .Select(e => e["Monitor:Subscribers:0:".Length..])
            .ToList();
        if (!DigestSchedule.TryParse(s.Frequency, s.TimeZone, out _, out var error) && MonitorOptionsValidator.IsTimeZone(s.TimeZone))
            errors.Add($"Frequency: {error}");
        return errors;
    }
}
