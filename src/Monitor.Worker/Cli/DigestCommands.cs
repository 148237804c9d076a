using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Worker.Mail;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Cli;

/// <summary><c>digest preview --subscriber ADDRESS [--html FILE]</c> renders what would be sent now without sending;
/// <c>digest send --subscriber ADDRESS</c> composes it now (outside the schedule) and delivers it.</summary>
public static class DigestCommands
{
    public static Command Create()
    {
        var digest = new Command("digest", "Preview or send a subscriber's digest");
        digest.Subcommands.Add(Preview());
        digest.Subcommands.Add(Send());
        return digest;
    }

    private static Option<string> Subscriber() => new("--subscriber", "-s") { Description = "The subscriber's email address", Required = true };

    private static Command Preview()
    {
        var subscriber = Subscriber();
        var html = new Option<string?>("--html") { Description = "Also write the HTML part to this file" };
        var command = new Command("preview", "Render the digest a subscriber would get now, without sending it");
        command.Options.Add(subscriber);
        command.Options.Add(html);
        command.SetAction((parse, ct) => CommandHost.WithServicesAsync(parse, async (services, token) =>
        {
            var record = await services.GetRequiredService<ISubscriberStore>().GetSubscriberAsync(parse.GetValue(subscriber)!, token);
            if (record is null) { Console.Error.WriteLine($"error: no subscriber {parse.GetValue(subscriber)}"); return CommandHost.ExitUsage; }
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var preview = await services.GetRequiredService<DigestBuilder>().PreviewAsync(record, now, token);
            if (preview is null) { Console.WriteLine("Nothing new for this subscriber: no digest would be sent."); return CommandHost.ExitOk; }
            Console.WriteLine($"Subject: {preview.Rendered.Subject}");
            Console.WriteLine();
            Console.WriteLine(preview.Rendered.Text);
            if (parse.GetValue(html) is { } file)
            {
                await File.WriteAllTextAsync(file, preview.Rendered.Html, token);
                Console.Error.WriteLine($"HTML written to {Path.GetFullPath(file)}");
            }
            return CommandHost.ExitOk;
        }, ct));
        return command;
    }

    private static Command Send()
    {
        var subscriber = Subscriber();
        var command = new Command("send", "Compose a subscriber's digest now and deliver it");
        command.Options.Add(subscriber);
        command.SetAction((parse, ct) => CommandHost.WithServicesAsync(parse, async (services, token) =>
        {
            var record = await services.GetRequiredService<ISubscriberStore>().GetSubscriberAsync(parse.GetValue(subscriber)!, token);
            if (record is null) { Console.Error.WriteLine($"error: no subscriber {parse.GetValue(subscriber)}"); return CommandHost.ExitUsage; }
            var status = await services.GetRequiredService<DigestBuilder>().ComposeForAsync(record, force: true, token);
            var sent = await services.GetRequiredService<OutboxSender>().SendDueAsync(token);
            Console.WriteLine($"digest: {status.ToString().ToLowerInvariant()}; mail: {sent.Sent} sent, {sent.Retried} to retry, {sent.Failed} failed");
            return sent.Failed > 0 || status == ComposeStatus.Failed ? CommandHost.ExitFailed : CommandHost.ExitOk;
        }, ct));
        return command;
    }
}
