using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Monitor.Worker.Configuration;
using Monitor.Worker.Fetching;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Web.Admin;

/// <summary>
/// The add/edit source form: its fields as typed, their checks (the configuration validator's rules, so the web and
/// the file agree) with one message per field, and the SSRF check on the address a new URL resolves to.
/// </summary>
internal sealed record SourceForm(string Id, string Name, string Url, string Type, string IntervalMinutes, string TimeZone,
    bool Primary, bool Enabled, string Selectors, bool IsNew)
{
    public static SourceForm Empty() => new("", "", "", "feed", "15", "Asia/Damascus", false, true, "", true);

    public static SourceForm From(SourceRecord s)
    {
        var selectors = s.SelectorsJson is null ? null : JsonSerializer.Deserialize(s.SelectorsJson, StoredJsonContext.Default.HtmlSelectorOptions);
        var spec = selectors is null ? "" : string.Join('|', new[] { selectors.Item, selectors.Title, selectors.Link, selectors.Date ?? "", selectors.Summary ?? "" }).TrimEnd('|');
        return new(s.Id, s.Name, s.Url, s.Type, ((int)s.Interval.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture),
            s.TimeZone, s.Primary, s.Enabled, spec, false);
    }

    public static SourceForm Read(IFormCollection form) => new(
        form["id"].ToString().Trim(), form["name"].ToString().Trim(), form["url"].ToString().Trim(), form["type"].ToString().Trim(),
        form["interval"].ToString().Trim(), form["timeZone"].ToString().Trim(), form["primary"] == "on", form["enabled"] == "on",
        form["selectors"].ToString().Trim(), form["isNew"] == "true");

    /// <summary>The options to save, or the errors keyed by field (nothing is saved when there is one).</summary>
    public async Task<(SourceOptions? Options, Dictionary<string, string> Errors)> ValidateAsync(bool allowPrivate, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var options = new SourceOptions
        {
            Id = Id, Name = Name, Url = Url, Type = Type, TimeZone = TimeZone, Primary = Primary, Enabled = Enabled,
        };
        if (int.TryParse(IntervalMinutes, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes))
            options.Interval = TimeSpan.FromMinutes(minutes);
        else
            errors["interval"] = "a whole number of minutes";
        if (Type == "html")
        {
            var parts = Selectors.Split('|');
            if (parts.Length >= 3)
                options.Selectors = new HtmlSelectorOptions
                {
                    Item = parts[0], Title = parts[1], Link = parts[2],
                    Date = parts.ElementAtOrDefault(3) is { Length: > 0 } d ? d : null,
                    Summary = parts.ElementAtOrDefault(4) is { Length: > 0 } s ? s : null,
                };
            else errors["selectors"] = "item|title|link[|date[|summary]] for an html source";
        }
        const string prefix = "Monitor:Sources:0:";
        foreach (var error in MonitorOptionsValidator.Validate(new MonitorOptions { Sources = [options] }))
        {
            if (!error.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var rest = error[prefix.Length..];
            var field = rest[..rest.IndexOf(':')];
            var key = field switch { "Selectors" => "selectors", "TimeZone" => "timeZone", _ => char.ToLowerInvariant(field[0]) + field[1..] };
            errors.TryAdd(key, rest[(rest.IndexOf(':') + 1)..].Trim());
        }
        if (!errors.ContainsKey("url") && !allowPrivate && await WhyBlockedAsync(new Uri(Url), ct) is { } blocked)
            errors["url"] = $"refused by the SSRF guard: the host resolves to a {blocked} address";
        return (errors.Count == 0 ? options : null, errors);
    }

    /// <summary>Null when every address the host resolves to is public; a host that does not resolve is left to the poll to report.</summary>
    internal static async Task<string?> WhyBlockedAsync(Uri url, CancellationToken ct)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal)) addresses = [literal];
        else
        {
            try { addresses = await Dns.GetHostAddressesAsync(url.IdnHost, ct); }
            catch (SocketException) { return null; }
        }
        return addresses.Select(AddressPolicy.WhyBlocked).FirstOrDefault(reason => reason is not null);
    }
}
