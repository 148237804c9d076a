namespace Monitor.Worker.Fetching;

/// <summary>Fetches the bytes of one source. Never throws for network or HTTP failures; only cancellation of <paramref name="ct"/> may throw.</summary>
public interface IFeedFetcher
{
    Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken ct);
}
