namespace Monitor.Worker.Fetching;

/// <summary>
/// One poll of one source. <paramref name="ETag"/> and <paramref name="LastModified"/> are the validators stored from the
/// previous successful fetch (sent as If-None-Match / If-Modified-Since). <paramref name="BlockPrivateAddresses"/> turns on
/// the SSRF guard for this request (sources added through the web; the global <c>Fetch:BlockPrivateAddresses</c> also forces it).
/// <paramref name="Budget"/>, when given, counts the body against the process-wide <see cref="BodyMemoryBudget"/>; the
/// caller disposes it once the body is parsed.
/// </summary>
public sealed record FetchRequest(Uri Url, string? ETag, string? LastModified, bool BlockPrivateAddresses,
    BodyMemoryBudget.Ticket? Budget = null);
