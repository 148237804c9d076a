using Microsoft.Extensions.Configuration;
using Monitor.Tests.Support;
using Monitor.Worker.Configuration;

namespace Monitor.Worker.Tests.Configuration;

/// <summary>
/// The indexed JSON provider must be indistinguishable from the stock one (same keys, values, children in the same
/// order, the same binding), and keep reloading when the file changes.
/// </summary>
public sealed class IndexedJsonConfigurationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("monitor-config-index-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Shipped_configuration_reads_the_same_as_with_the_stock_json_provider()
    {
        var file = Path.Combine(TestPaths.RepoRoot, "appsettings.json");
        var stock = new ConfigurationBuilder().AddJsonFile(file).Build();
        var indexed = new ConfigurationBuilder().Add(Source(file, reload: false)).Build();

        Assert.Equal(stock.AsEnumerable().OrderBy(p => p.Key, StringComparer.Ordinal),
            indexed.AsEnumerable().OrderBy(p => p.Key, StringComparer.Ordinal));
        AssertSameChildren(stock.GetSection("Monitor"), indexed.GetSection("Monitor"));
        var (stockOptions, stockErrors) = OptionsBinder.Bind(stock);
        var (indexedOptions, indexedErrors) = OptionsBinder.Bind(indexed);
        Assert.Empty(stockErrors);
        Assert.Empty(indexedErrors);
        Assert.Equal(stockOptions.Sources.Select(s => (s.Id, s.Url, s.Interval)), indexedOptions.Sources.Select(s => (s.Id, s.Url, s.Interval)));
        Assert.Equal(stockOptions.Tagging.Topics.Count, indexedOptions.Tagging.Topics.Count);
        Assert.True(indexedOptions.Tagging.Topics.Count > 0);
    }

    [Fact]
    public void Children_are_listed_once_in_configuration_key_order_and_environment_keys_merge_in()
    {
        var file = Write("""{"Monitor":{"Sources":[{"Id":"a"},{"Id":"b"},{"Id":"c"},{"Id":"d"},{"Id":"e"},{"Id":"f"},{"Id":"g"},{"Id":"h"},{"Id":"i"},{"Id":"j"},{"Id":"k"}],"Mail":{"Host":"x","Port":25}}}""");
        var config = new ConfigurationBuilder().Add(Source(file, reload: false))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Monitor:Mail:Password"] = "from-env", ["Monitor:Web:Urls"] = "http://127.0.0.1:1" })
            .Build();

        Assert.Equal(["Mail", "Sources", "Web"], config.GetSection("Monitor").GetChildren().Select(c => c.Key));
        // Numeric keys sort as numbers, as the stock provider sorts them: 10 after 9.
        Assert.Equal(Enumerable.Range(0, 11).Select(i => i.ToString()), config.GetSection("Monitor:Sources").GetChildren().Select(c => c.Key));
        Assert.Equal(["Host", "Password", "Port"], config.GetSection("Monitor:Mail").GetChildren().Select(c => c.Key));
        Assert.Equal("from-env", config["Monitor:Mail:Password"]);
        Assert.Empty(config.GetSection("Monitor:Mail:Host").GetChildren());
        Assert.Empty(config.GetSection("Monitor:Nothing").GetChildren());
    }

    [Fact]
    public async Task A_changed_file_is_read_again_with_its_new_children()
    {
        var file = Write("""{"Monitor":{"Sources":[{"Id":"a"}]}}""");
        using var config = (ConfigurationRoot)new ConfigurationBuilder().Add(Source(file, reload: true)).Build();
        var reloaded = new TaskCompletionSource();
        using var registration = config.GetReloadToken().RegisterChangeCallback(_ => reloaded.TrySetResult(), null);

        File.WriteAllText(file, """{"Monitor":{"Sources":[{"Id":"a"},{"Id":"b"}],"Fetch":{"MaxConcurrency":4}}}""");
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["Fetch", "Sources"], config.GetSection("Monitor").GetChildren().Select(c => c.Key));
        Assert.Equal("b", config["Monitor:Sources:1:Id"]);
    }

    private static IndexedJsonConfigurationSource Source(string file, bool reload)
    {
        var source = new IndexedJsonConfigurationSource { Path = file, Optional = false, ReloadOnChange = reload };
        source.ResolveFileProvider();
        return source;
    }

    private string Write(string json)
    {
        var file = Path.Combine(_folder, "appsettings.json");
        File.WriteAllText(file, json);
        return file;
    }

    private static void AssertSameChildren(IConfigurationSection stock, IConfigurationSection indexed)
    {
        var expected = stock.GetChildren().ToList();
        var actual = indexed.GetChildren().ToList();
        Assert.Equal(expected.Select(c => (c.Path, c.Value)), actual.Select(c => (c.Path, c.Value)));
        for (var i = 0; i < expected.Count; i++) AssertSameChildren(expected[i], actual[i]);
    }
}
