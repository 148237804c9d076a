using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Core.Dedup;
using Monitor.Worker.Configuration;
using Monitor.Worker.Hosting;
using Monitor.Worker.Pipeline;

namespace Monitor.Worker.Tests.Hosting;

/// <summary>Risk guarded: the judge's shingle memory ignoring its setting (an operator who lowers it on a small machine
/// would still get the default).</summary>
public sealed class PipelineRegistrationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    public async Task The_remembered_shingles_are_bounded_by_the_configured_size(int mib)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(new MonitorOptions { Dedup = new DedupOptions { RememberedShinglesMiB = mib } }));
        services.AddMonitorPipeline();
        await using var provider = services.BuildServiceProvider();

        Assert.Equal(mib * 1024L * 1024, provider.GetRequiredService<RecentShingles>().MaxBytes);
    }
}
