using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Cli;

/// <summary><c>outbox list [--state S]|retry ID</c>: what was composed, sent, or failed and why.</summary>
public static class OutboxCommands
{
    public static Command Create()
    {
        var command = new Command("outbox", "Inspect and retry composed messages");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Retry());
        return command;
    }

    private static Command List()
    {
        var state = new Option<OutboxState?>("--state") { Description = "pending, sending, sent or failed" };
        var limit = new Option<int>("--limit") { DefaultValueFactory = _ => 50 };
        var json = CliOptions.Json();
        var command = new Command("list", "List outbox messages");
        command.Options.Add(state);
        command.Options.Add(limit);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandHost.WithServicesAsync(parse, async (services, token) =>
        {
            var rows = await services.GetRequiredService<IOutboxStore>().ListOutboxAsync(parse.GetValue(state), parse.GetValue(limit), token);
            if (parse.GetValue(json))
                JsonOutput.Write(rows.Select(m => new OutboxListRow(m.Id, m.Key, m.Recipient, m.MessageId, m.Subject, m.State, m.Attempts, JsonOutput.Utc(m.CreatedAt), JsonOutput.Utc(m.SentAt), JsonOutput.Utc(m.NextAttemptAt), m.LastError)).ToList());
            else
                foreach (var m in rows)
                    Console.WriteLine($"{m.Id,6} {m.State,-8} {m.Recipient,-30} attempts {m.Attempts} {JsonOutput.Utc(m.SentAt ?? m.CreatedAt)} {m.Subject}{(m.LastError is null ? "" : "\n       " + m.LastError)}");
            return CommandHost.ExitOk;
        }, ct));
        return command;
    }

    private static Command Retry()
    {
        var id = new Argument<long>("id");
        var command = new Command("retry", "Put a failed message back in the queue");
        command.Arguments.Add(id);
        command.SetAction((parse, ct) => CommandHost.WithServicesAsync(parse, async (services, token) =>
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var ok = await services.GetRequiredService<IOutboxStore>().RequeueAsync(parse.GetValue(id), now, token);
            Console.WriteLine(ok ? "queued again" : "no failed message with that id");
            return ok ? CommandHost.ExitOk : CommandHost.ExitFailed;
        }, ct));
        return command;
    }
}
