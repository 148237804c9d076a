using System.Text.RegularExpressions;

namespace Monitor.Worker.Configuration;

/// <summary>
/// Checks the whole configuration and lists every problem as "JSON path: reason", so the operator fixes them all in
/// one pass. Nothing here throws; an empty list means the configuration is usable.
/// </summary>
public static partial class MonitorOptionsValidator
{
    private const string Root = MonitorOptions.SectionName;

    public static IReadOnlyList<string> Validate(MonitorOptions o)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(o.DataFolder)) errors.Add($"{Root}:DataFolder: must not be empty");
        ValidateStorage(o.Storage, errors);
        errors.AddRange(Mail.MailOptionsChecks.Validate(o.Mail));
        errors.AddRange(Fetching.FetchOptionsValidator.Errors(o.Fetch));
        ValidateCluster(o.Cluster, errors);
        ValidateMemory(o.Memory, errors);
        ValidateWeb(o.Web, errors);
        ValidateTelemetry(o.Telemetry, errors);
        ValidateSources(o.Sources, MinSourceInterval(o.Fetch), errors);
        ValidateSubscribers(o, errors);
        return errors;
    }

    private static void ValidateStorage(StorageOptions s, List<string> errors)
    {
        var path = $"{Root}:Storage";
        if (s.Provider is not ("sqlite" or "postgres"))
            errors.Add($"{path}:Provider: \"{s.Provider}\" is not one of sqlite, postgres");
        if (s.Provider == "postgres" && string.IsNullOrWhiteSpace(s.ConnectionString))
            errors.Add($"{path}:ConnectionString: required for postgres (set Monitor__Storage__ConnectionString in the environment)");
        else if (s.Provider == "postgres" && !IsPostgresConnectionString(s.ConnectionString!))
            errors.Add($"{path}:ConnectionString: not a PostgreSQL connection string with a Host (Host=...;Database=...;Username=...)");
    }

    /// <summary>One minute, or lower when Fetch:MinPollInterval is set lower (tests and benchmarks poll in seconds).</summary>
    private static TimeSpan MinSourceInterval(FetchOptions fetch) =>
        fetch.MinPollInterval > TimeSpan.Zero && fetch.MinPollInterval < TimeSpan.FromMinutes(1) ? fetch.MinPollInterval : TimeSpan.FromMinutes(1);

    private static void ValidateCluster(ClusterOptions c, List<string> errors)
    {
        var path = $"{Root}:Cluster";
        if (string.IsNullOrWhiteSpace(c.SchedulerName)) errors.Add($"{path}:SchedulerName: must not be empty");
        if (c.CheckinInterval < TimeSpan.FromSeconds(1) || c.CheckinInterval > TimeSpan.FromMinutes(10))
            errors.Add($"{path}:CheckinInterval: {c.CheckinInterval} is outside 00:00:01 .. 00:10:00");
        if (c.CheckinMisfireThreshold < TimeSpan.FromSeconds(1) || c.CheckinMisfireThreshold > TimeSpan.FromMinutes(10))
            errors.Add($"{path}:CheckinMisfireThreshold: {c.CheckinMisfireThreshold} is outside 00:00:01 .. 00:10:00");
        if (c.MaxConcurrency is < 1 or > 256) errors.Add($"{path}:MaxConcurrency: {c.MaxConcurrency} is outside 1 .. 256");
    }

    private static void ValidateMemory(MemoryOptions m, List<string> errors)
    {
        if (m.QuietPeriod < TimeSpan.FromSeconds(1) || m.QuietPeriod > TimeSpan.FromHours(1))
            errors.Add($"{Root}:Memory:QuietPeriod: {m.QuietPeriod} is outside 00:00:01 .. 01:00:00");
        if (m.MinInterval < TimeSpan.Zero || m.MinInterval > TimeSpan.FromDays(1))
            errors.Add($"{Root}:Memory:MinInterval: {m.MinInterval} is outside 00:00:00 .. 1.00:00:00");
    }

    // Kestrel would refuse a bad address only when `run` starts, and a malformed hash would only fail every sign-in.
    private static void ValidateWeb(WebOptions w, List<string> errors)
    {
        var path = $"{Root}:Web";
        if (w.Enabled)
        {
            var urls = (w.Urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (urls.Length == 0) errors.Add($"{path}:Urls: required when the web server is enabled");
            foreach (var url in urls.Where(u => !IsListenUrl(u)))
                errors.Add($"{path}:Urls: \"{url}\" is not an http(s)://HOST:PORT address to listen on");
        }
        if (!string.IsNullOrWhiteSpace(w.AdminPasswordHash) && Web.AdminPassword.Describe(w.AdminPasswordHash) is { } problem)
            errors.Add($"{path}:AdminPasswordHash: {problem}");
        if (!string.IsNullOrEmpty(w.AdminToken) && w.AdminToken.Trim().Length < MinAdminTokenLength)
            errors.Add($"{path}:AdminToken: shorter than {MinAdminTokenLength} characters");
    }

    /// <summary>Shorter tokens can be guessed; the sign-in form is the only thing between them and the admin pages.</summary>
    public const int MinAdminTokenLength = 16;

    private static void ValidateTelemetry(TelemetryOptions t, List<string> errors)
    {
        var path = $"{Root}:Telemetry";
        if (!string.IsNullOrWhiteSpace(t.OtlpEndpoint) && !IsHttpUrl(t.OtlpEndpoint))
            errors.Add($"{path}:OtlpEndpoint: \"{t.OtlpEndpoint}\" is not an absolute http(s) URL");
        if (!string.Equals(t.Protocol, "grpc", StringComparison.OrdinalIgnoreCase) && !string.Equals(t.Protocol, "http/protobuf", StringComparison.OrdinalIgnoreCase))
            errors.Add($"{path}:Protocol: \"{t.Protocol}\" is not one of grpc, http/protobuf");
    }

    // Kestrel's forms: http://127.0.0.1:5080, http://[::1]:5080, http://*:5080, http://+:5080.
    private static bool IsListenUrl(string value)
    {
        var normalised = value.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        return IsHttpUrl(normalised) && Uri.TryCreate(normalised, UriKind.Absolute, out var uri) && uri.AbsolutePath == "/";
    }

    private static void ValidateSources(List<SourceOptions> sources, TimeSpan minInterval, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < sources.Count; i++)
        {
            var s = sources[i];
            var path = $"{Root}:Sources:{i}";
            if (string.IsNullOrWhiteSpace(s.Id)) errors.Add($"{path}:Id: required");
            else if (!IdPattern().IsMatch(s.Id)) errors.Add($"{path}:Id: \"{s.Id}\" may hold only a-z, 0-9, '-' and '_'");
            else if (!seen.Add(s.Id)) errors.Add($"{path}:Id: \"{s.Id}\" is used by another source");
            if (string.IsNullOrWhiteSpace(s.Name)) errors.Add($"{path}:Name: required");
            if (!IsHttpUrl(s.Url)) errors.Add($"{path}:Url: \"{s.Url}\" is not an absolute http(s) URL");
            if (s.Type is not ("feed" or "html")) errors.Add($"{path}:Type: \"{s.Type}\" is not one of feed, html");
            if (s.Interval < minInterval || s.Interval > TimeSpan.FromDays(1))
                errors.Add($"{path}:Interval: {s.Interval} is outside {minInterval} .. 1.00:00:00");
            if (!IsTimeZone(s.TimeZone)) errors.Add($"{path}:TimeZone: \"{s.TimeZone}\" is not a known time zone");
            if (s.Type == "html")
            {
                if (s.Selectors is null) errors.Add($"{path}:Selectors: required for an html source (Item, Title, Link)");
                else
                {
                    if (string.IsNullOrWhiteSpace(s.Selectors.Item)) errors.Add($"{path}:Selectors:Item: required");
                    if (string.IsNullOrWhiteSpace(s.Selectors.Title)) errors.Add($"{path}:Selectors:Title: required");
                    if (string.IsNullOrWhiteSpace(s.Selectors.Link)) errors.Add($"{path}:Selectors:Link: required");
                }
            }
        }
    }

    private static void ValidateSubscribers(MonitorOptions o, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sourceIds = o.Sources.Select(s => s.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < o.Subscribers.Count; i++)
        {
            var s = o.Subscribers[i];
            var path = $"{Root}:Subscribers:{i}";
            if (!IsEmail(s.Email)) errors.Add($"{path}:Email: \"{s.Email}\" is not an email address");
            else if (!seen.Add(s.Email)) errors.Add($"{path}:Email: \"{s.Email}\" is listed twice");
            if (HasLineBreak(s.Name)) errors.Add($"{path}:Name: must be one line");
            if (s.Language is not ("ar" or "en")) errors.Add($"{path}:Language: \"{s.Language}\" is not one of ar, en");
            if (!IsTimeZone(s.TimeZone)) errors.Add($"{path}:TimeZone: \"{s.TimeZone}\" is not a known time zone");
            if (s.MinSources < 1) errors.Add($"{path}:MinSources: must be at least 1");
            for (var m = 0; m < s.MutedSources.Count; m++)
                if (!sourceIds.Contains(s.MutedSources[m]))
                    errors.Add($"{path}:MutedSources:{m}: \"{s.MutedSources[m]}\" is not a configured source id");
        }
    }

    // The value is never echoed: it may hold a password.
    private static bool IsPostgresConnectionString(string value)
    {
        try { return !string.IsNullOrWhiteSpace(new Npgsql.NpgsqlConnectionStringBuilder(value).Host); }
        catch (ArgumentException) { return false; }
    }

    internal static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);

    internal static bool IsEmail(string? value) => !string.IsNullOrWhiteSpace(value) && EmailPattern().IsMatch(value);

    internal static bool IsTimeZone(string? id) => !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    private static bool HasLineBreak(string? value) => value is not null && value.AsSpan().IndexOfAny('\r', '\n') >= 0;

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex IdPattern();

    // Deliberately strict: an address that reaches SMTP must not carry spaces, line breaks or angle brackets.
    [GeneratedRegex(@"^[^\s@<>()\[\],;:""\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$")]
    private static partial Regex EmailPattern();

}
