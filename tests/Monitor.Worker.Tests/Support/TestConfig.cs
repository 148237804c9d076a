using Monitor.Tests.Support;
using System.Text.Json.Nodes;

namespace Monitor.Worker.Tests.Support;

/// <summary>
/// A configuration file for a test: the shipped appsettings.json (so its taxonomy and defaults are exercised) with the
/// sources, subscribers, mail and data folder replaced, written into a fresh temp folder.
/// </summary>
public sealed class TestConfig : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("monitor-test-").FullName;
    public string Path => System.IO.Path.Combine(Folder, "appsettings.json");
    public string DataFolder => System.IO.Path.Combine(Folder, "data");
    public JsonObject Monitor { get; }
    private readonly JsonObject _root;

    public TestConfig()
    {
        _root = JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(TestPaths.RepoRoot, "appsettings.json")))!.AsObject();
        Monitor = _root["Monitor"]!.AsObject();
        Monitor["DataFolder"] = "data";
        Monitor["Sources"] = new JsonArray();
        Monitor["Subscribers"] = new JsonArray();
        Monitor["Web"] = new JsonObject { ["Enabled"] = false };
    }

    public TestConfig AddSource(string id, string name, Uri url, bool primary = false, string type = "feed", JsonObject? selectors = null)
    {
        var source = new JsonObject { ["Id"] = id, ["Name"] = name, ["Url"] = url.ToString(), ["Primary"] = primary, ["Type"] = type, ["Interval"] = "00:05:00" };
        if (selectors is not null) source["Selectors"] = selectors;
        Monitor["Sources"]!.AsArray().Add(source);
        return this;
    }

    public TestConfig AddSubscriber(string email, string name, string frequency = "daily 08:00", string language = "ar", params string[] topics)
    {
        var topicArray = new JsonArray();
        foreach (var t in topics) topicArray.Add(t);
        Monitor["Subscribers"]!.AsArray().Add(new JsonObject
        {
            ["Email"] = email, ["Name"] = name, ["Frequency"] = frequency, ["Language"] = language,
            ["TimeZone"] = "Asia/Damascus", ["Topics"] = topicArray,
        });
        return this;
    }

    /// <summary>
    /// Every source polled on <paramref name="interval"/>, and the planner bounded to <paramref name="planned"/> (a little
    /// less), so a long-running service polls on the trigger and never backs off or waits longer than one interval.
    /// </summary>
    public TestConfig PollEvery(TimeSpan interval, TimeSpan planned)
    {
        foreach (var source in Monitor["Sources"]!.AsArray()) source!["Interval"] = interval.ToString();
        Monitor["Fetch"] ??= new JsonObject();
        Monitor["Fetch"]!["MinPollInterval"] = planned.ToString();
        Monitor["Fetch"]!["MaxPollInterval"] = planned.ToString();
        return this;
    }

    public TestConfig UseSmtp(int port)
    {
        var mail = Monitor["Mail"]!.AsObject();
        mail["Transport"] = "smtp";
        mail["Host"] = "127.0.0.1";
        mail["Port"] = port;
        mail["Security"] = "none";
        return this;
    }

    public TestConfig Write()
    {
        File.WriteAllText(Path, _root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return this;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
