namespace Monitor.Worker.Fetching;

/// <summary>The outcome of streaming a body: the bytes, or why reading stopped.</summary>
internal sealed record BodyRead(byte[] Body, long BytesRead, FetchErrorKind? ErrorKind, string? Error);

/// <summary>
/// Streams a (decoded) response body into memory under two limits enforced while reading, never after: a byte cap
/// (so a 1 GB body or a gzip bomb costs at most the cap in memory) and a stall timer reset by every chunk that arrives.
/// The total timeout is the caller's token: a one-byte-per-second trickle never stalls, so only that stops it.
/// With a <see cref="BodyMemoryBudget.Ticket"/>, every chunk is reserved in the process-wide budget before it is kept;
/// the stall timer is paused while the reservation waits (the publisher is not the one stalling).
/// </summary>
internal static class BodyReader
{
    private const int ChunkSize = 64 * 1024;

    public static async Task<BodyRead> ReadAsync(Stream body, long maxBytes, TimeSpan stallTimeout, TimeProvider time, Action<long> onBytes,
        BodyMemoryBudget.Ticket? budget, CancellationToken ct)
    {
        using var stall = new CancellationTokenSource(stallTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, stall.Token);
        using var buffer = new MemoryStream();
        var chunk = new byte[ChunkSize];
        long total = 0;
        try
        {
            while (true)
            {
                // Ask for at most one byte past the cap: reaching it proves the body is too large without reading on.
                var want = (int)Math.Min(chunk.Length, maxBytes + 1 - total);
                stall.CancelAfter(stallTimeout);
                var n = await body.ReadAsync(chunk.AsMemory(0, want), linked.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    return new BodyRead(buffer.ToArray(), total, null, null);
                }
                total += n;
                onBytes(total);
                if (total > maxBytes)
                {
                    return new BodyRead([], total, FetchErrorKind.TooLarge,
                        $"response exceeded {Sizes.Format(maxBytes)} limit after decompression");
                }
                if (budget is not null)
                {
                    stall.CancelAfter(Timeout.InfiniteTimeSpan);
                    await budget.ReserveAsync(n, ct).ConfigureAwait(false);
                }
                buffer.Write(chunk, 0, n);
            }
        }
        catch (OperationCanceledException) when (stall.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return new BodyRead([], total, FetchErrorKind.Stalled,
                $"no data for {Sizes.Seconds(stallTimeout)} (stalled after {Sizes.Format(total)})");
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException && !ct.IsCancellationRequested)
        {
            var (kind, message) = FetchErrors.ClassifyBodyError(ex);
            return new BodyRead([], total, kind, $"{message} after {Sizes.Format(total)}");
        }
    }
}
