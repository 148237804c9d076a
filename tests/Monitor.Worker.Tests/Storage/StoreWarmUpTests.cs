using Microsoft.Extensions.Configuration;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Tests.Storage;

/// <summary>
/// Commands warm the storage library up while their configuration is still being validated. The risk: the warm-up
/// touches a database (creates the file, or its folder) before the configuration was found valid, or fails on a
/// configuration that validation is about to reject with a proper message.
/// </summary>
public sealed class StoreWarmUpTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    [InlineData("oracle")]
    public void Warming_up_touches_no_database_whatever_the_provider(string? provider)
    {
        var folder = Directory.CreateTempSubdirectory("monitor-warmup-").FullName;
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Monitor:DataFolder"] = Path.Combine(folder, "data"),
                ["Monitor:Storage:ConnectionString"] = "monitor.db",
            };
            if (provider is not null) settings["Monitor:Storage:Provider"] = provider;
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

            StoreFactory.WarmUp(configuration);

            Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
