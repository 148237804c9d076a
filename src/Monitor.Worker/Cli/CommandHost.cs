using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Worker.Configuration;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Cli;

/// <summary>
/// What a one-shot command needs: the configuration (checked first: problems are printed and the command exits 2)
/// and the services, without the scheduler or the web server.
/// </summary>
public static class CommandHost
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    public static ConfigLoader.Loaded? LoadConfig(ParseResult parse, TextWriter error)
    {
        var loaded = ConfigLoader.Load(parse.GetValue(CliOptions.Config), reloadOnChange: false, alongside: Storage.StoreFactory.WarmUp);
        if (loaded.IsValid) return loaded;
        error.WriteLine($"Configuration {loaded.ConfigFile} has {loaded.Errors.Count} problem(s):");
        foreach (var e in loaded.Errors) error.WriteLine("  " + e);
        return null;
    }

    public static ServiceProvider BuildServices(ConfigLoader.Loaded config, ParseResult parse)
    {
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(config.Configuration);
        services.AddLogging(b =>
        {
            b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
            b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            b.SetMinimumLevel(parse.GetValue(CliOptions.Verbose) ? LogLevel.Information : LogLevel.Warning);
        });
        services.AddMonitor(config);
        // The registered configuration is the one validated above, so the rules compiled then are these rules.
        if (config.TagMatcher is { } rules)
            services.AddSingleton(sp => new Pipeline.TaggingRulesProvider(config.Configuration,
                sp.GetRequiredService<ILogger<Pipeline.TaggingRulesProvider>>(), rules));
        return services.BuildServiceProvider();
    }

    /// <summary>Runs a command body with its services, after migrating the store and seeding it from the file.</summary>
    public static async Task<int> WithServicesAsync(ParseResult parse, Func<IServiceProvider, CancellationToken, Task<int>> body, CancellationToken ct, bool seed = true)
    {
        StartupTrace.Mark("command parsed");
        var config = LoadConfig(parse, Console.Error);
        if (config is null) return ExitUsage;
        StartupTrace.Mark("configuration loaded and validated");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        await using var services = BuildServices(config, parse);
        StartupTrace.Mark("services built");
        try
        {
            if (seed)
            {
                await services.GetRequiredService<Pipeline.StoreSeeder>().SeedAsync(stop.Token);
                StartupTrace.Mark("store seeded");
            }
            return await body(services, stop.Token);
        }
        catch (Storage.StoreUnavailableException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitFailed;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("stopped by signal; finished work is saved, the rest is picked up by the next run");
            return ExitFailed;
        }

        // The first signal asks for a stop at the next safe point; the process is not killed mid-transaction.
        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
