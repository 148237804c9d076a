using System.CommandLine;
using Monitor.Core.Tagging;
using Monitor.Worker.Pipeline;

namespace Monitor.Worker.Cli;

/// <summary><c>analyze [--text T] [--json]</c>: what the service sees in an Arabic text (stdin by default): normalised
/// form, tokens with stems, and which topics and watch-list entries fire, with the words that fired.</summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        var text = new Option<string?>("--text", "-t") { Description = "The text (default: read stdin)" };
        var json = CliOptions.Json();
        var command = new Command("analyze", "Show how a text is normalised, tokenised, stemmed and tagged");
        command.Options.Add(text);
        command.Options.Add(json);
        command.SetAction(async (parse, ct) =>
        {
            var config = CommandHost.LoadConfig(parse, Console.Error);
            if (config is null) return CommandHost.ExitUsage;
            var input = parse.GetValue(text) ?? await Console.In.ReadToEndAsync(ct);
            var (matcher, errors) = TaggingRulesProvider.Compile(config.Configuration);
            if (matcher is null)
            {
                foreach (var e in errors) Console.Error.WriteLine(e);
                return CommandHost.ExitUsage;
            }
            var report = AnalyzeReport.Build(input, matcher);
            if (parse.GetValue(json)) JsonOutput.Write(report);
            else Console.Out.WriteLine(report.ToText());
            return CommandHost.ExitOk;
        });
        return command;
    }
}
