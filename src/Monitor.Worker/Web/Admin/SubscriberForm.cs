using Monitor.Core.Digests;
using Monitor.Worker.Configuration;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Web.Admin;

/// <summary>The add/edit subscriber form: fields as typed, checked with the configuration's rules, one message per field.</summary>
internal sealed record SubscriberForm(string Email, string Name, string Language, string TimeZone, string Frequency,
    string Topics, string WatchLists, string MutedSources, string MinSources, bool IsNew)
{
    public static SubscriberForm Empty() => new("", "", "ar", "Asia/Damascus", "daily 08:00", "", "", "", "1", true);

    public static SubscriberForm From(SubscriberRecord s) => new(s.Email, s.Name, s.Language, s.TimeZone, s.Frequency,
        string.Join(", ", s.Topics), string.Join(", ", s.WatchLists), string.Join(", ", s.MutedSources),
        s.MinSources.ToString(System.Globalization.CultureInfo.InvariantCulture), false);

    public static SubscriberForm Read(IFormCollection f) => new(f["email"].ToString().Trim(), f["name"].ToString().Trim(),
        f["language"].ToString().Trim(), f["timeZone"].ToString().Trim(), f["frequency"].ToString().Trim(), f["topics"].ToString(),
        f["watchLists"].ToString(), f["mutedSources"].ToString(), f["minSources"].ToString().Trim(), f["isNew"] == "true");

    private static List<string> Split(string list) =>
        list.Split([',', '،', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public (SubscriberOptions? Options, Dictionary<string, string> Errors) Validate(IReadOnlyList<SourceRecord> sources)
    {
        var errors = new Dictionary<string, string>();
        var options = new SubscriberOptions
        {
            Email = Email, Name = Name, Language = Language, TimeZone = TimeZone, Frequency = Frequency,
            Topics = Split(Topics), WatchLists = Split(WatchLists), MutedSources = Split(MutedSources),
        };
        if (int.TryParse(MinSources, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var min)) options.MinSources = min;
        else errors["minSources"] = "a whole number";
        var known = sources.Select(s => new SourceOptions { Id = s.Id }).ToList();
        const string prefix = "Monitor:Subscribers:0:";
        foreach (var error in MonitorOptionsValidator.Validate(new MonitorOptions { Sources = known, Subscribers = [options] }))
        {
            if (!error.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var rest = error[prefix.Length..];
            var field = rest[..rest.IndexOf(':')];
            errors.TryAdd(char.ToLowerInvariant(field[0]) + field[1..], rest[(rest.IndexOf(':') + 1)..].Trim());
        }
        if (!errors.ContainsKey("timeZone") && !DigestSchedule.TryParse(Frequency, TimeZone, out _, out var why))
            errors["frequency"] = why ?? "not a frequency";
        return (errors.Count == 0 ? options : null, errors);
    }
}
