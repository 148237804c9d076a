using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Faults;

/// <summary>
/// What a fault test looks at after the service ran: the sources' recorded state and the stories through the CLI (as an
/// operator would), the SQLite file directly for consistency checks, and the digests each subscriber received.
/// </summary>
public static partial class FaultWorld
{
    public static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(2);

    public static string DatabasePath(TestConfig config) => Path.Combine(config.DataFolder, "monitor.db");

    public static Task<MonitorProcess.Result> OnceAsync(TestConfig config, IDictionary<string, string>? env = null) =>
        MonitorProcess.RunAsync(["once", "--config", config.Path], env: env, timeout: ProcessTimeout);

    /// <summary>`sources list --json`, keyed by source id.</summary>
    public static async Task<IReadOnlyDictionary<string, JsonElement>> SourcesAsync(TestConfig config)
    {
        var run = await MonitorProcess.RunAsync(["sources", "list", "--json", "--config", config.Path], timeout: ProcessTimeout);
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonDocument.Parse(run.StdOut).RootElement.EnumerateArray()
            .ToDictionary(s => s.GetProperty("id").GetString()!, s => s.Clone());
    }

    /// <summary>`stories --json` over everything stored.</summary>
    public static async Task<IReadOnlyList<JsonElement>> StoriesAsync(TestConfig config)
    {
        var run = await MonitorProcess.RunAsync(["stories", "--json", "--since", "3650d", "--limit", "100000", "--config", config.Path], timeout: ProcessTimeout);
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonDocument.Parse(run.StdOut).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    public static SqliteConnection OpenDatabase(TestConfig config, SqliteOpenMode mode = SqliteOpenMode.ReadOnly)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath(config), Mode = mode, Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public static string IntegrityCheck(TestConfig config)
    {
        using var connection = OpenDatabase(config);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return Convert.ToString(command.ExecuteScalar()) ?? "";
    }

    public static IReadOnlyList<string> Strings(TestConfig config, string sql)
    {
        using var connection = OpenDatabase(config);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.IsDBNull(0) ? "" : Convert.ToString(reader.GetValue(0))!);
        return rows;
    }

    public static long Scalar(TestConfig config, string sql)
    {
        using var connection = OpenDatabase(config);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>Feed links stored as items that belong to an existing story (an item without its story is a lost entry).</summary>
    public static HashSet<string> LinksInStories(TestConfig config) =>
        Strings(config, "SELECT i.link FROM items i JOIN stories s ON s.id = i.story_id WHERE i.link IS NOT NULL").ToHashSet(StringComparer.Ordinal);

    /// <summary>A received digest: who got it, its Message-ID, and the entry links its plain-text part lists.</summary>
    public sealed record ReceivedDigest(string Recipient, string MessageId, IReadOnlySet<string> Links);

    /// <summary>Parses every message with Python's MIME parser and pulls the links under <paramref name="site"/> from the text part.</summary>
    public static async Task<IReadOnlyList<ReceivedDigest>> ReadDigestsAsync(IReadOnlyList<(string Recipient, byte[] Bytes)> messages, Uri site)
    {
        if (messages.Count == 0) return [];
        var inspected = await MimeInspector.InspectManyAsync(messages.Select(m => m.Bytes).ToList());
        var pattern = new Regex(Regex.Escape(site.GetLeftPart(UriPartial.Authority)) + @"/[A-Za-z0-9_\-/.%]+");
        // A pickup file names no envelope recipient: the To header says who it is for.
        return messages.Zip(inspected, (m, mail) => new ReceivedDigest(m.Recipient.Length > 0 ? m.Recipient : mail.To.FirstOrDefault()?.Address ?? "", mail.MessageId ?? "",
            mail.Leaves.Where(p => p.ContentType == "text/plain")
                .SelectMany(p => pattern.Matches(p.Text ?? "").Select(x => x.Value)).ToHashSet(StringComparer.Ordinal))).ToList();
    }

    /// <summary>Per recipient and link: how many distinct Message-IDs carried it (more than one is a duplicate digest).</summary>
    public static DeliveryCount CountDeliveries(IReadOnlyList<ReceivedDigest> digests, IReadOnlyCollection<string> recipients, IReadOnlyCollection<string> links)
    {
        int missing = 0, duplicates = 0;
        var resends = digests.GroupBy(d => (d.Recipient, d.MessageId)).Sum(g => g.Count() - 1);
        var problems = new List<string>();
        foreach (var recipient in recipients)
        {
            var mine = digests.Where(d => d.Recipient == recipient).GroupBy(d => d.MessageId).Select(g => g.First()).ToList();
            foreach (var link in links)
            {
                var carriers = mine.Count(d => d.Links.Contains(link));
                if (carriers == 0) { missing++; if (problems.Count < 10) problems.Add($"{recipient} never got {link}"); }
                if (carriers > 1) { duplicates += carriers - 1; if (problems.Count < 10) problems.Add($"{recipient} got {link} in {carriers} different digests"); }
            }
        }
        return new DeliveryCount(missing, duplicates, resends, problems);
    }

    public sealed record DeliveryCount(int Missing, int Duplicates, int ResendsSameMessageId, IReadOnlyList<string> Problems)
    {
        public override string ToString() => $"missing {Missing}, duplicates {Duplicates}, same-Message-ID resends {ResendsSameMessageId}: {string.Join("; ", Problems)}";
    }

    /// <summary>The digest files the pickup transport wrote, as (recipient unknown: "", bytes).</summary>
    public static IReadOnlyList<(string Recipient, byte[] Bytes)> PickupMessages(TestConfig config)
    {
        var folder = Path.Combine(config.DataFolder, "mail-out");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(f => ("", File.ReadAllBytes(f))).ToList()
            : [];
    }
}
