using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;

namespace Monitor.Worker.Fetching;

/// <summary>Checks the <c>Monitor:Fetch</c> section, listing every bad value with its JSON path (not just the first).</summary>
public sealed class FetchOptionsValidator : IValidateOptions<MonitorOptions>
{
    private const string Path = MonitorOptions.SectionName + ":" + nameof(MonitorOptions.Fetch) + ":";

    public ValidateOptionsResult Validate(string? name, MonitorOptions options)
    {
        var errors = Errors(options.Fetch).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IEnumerable<string> Errors(FetchOptions f)
    {
        foreach (var (key, value) in new[]
        {
            (nameof(f.Timeout), f.Timeout), (nameof(f.StallTimeout), f.StallTimeout),
            (nameof(f.MinPollInterval), f.MinPollInterval), (nameof(f.MaxPollInterval), f.MaxPollInterval),
            (nameof(f.MaxBackoff), f.MaxBackoff), (nameof(f.DefaultRateLimitWait), f.DefaultRateLimitWait),
            (nameof(f.MaxRetryAfter), f.MaxRetryAfter),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{Path}{key}: must be a positive duration (got {value}).";
            }
        }
        if (f.MaxBodyBytes < 1024)
        {
            yield return $"{Path}{nameof(f.MaxBodyBytes)}: must be at least 1024 bytes (got {f.MaxBodyBytes}).";
        }
        if (f.MaxBodyBytesInFlight < f.MaxBodyBytes)
        {
            yield return $"{Path}{nameof(f.MaxBodyBytesInFlight)}: must be at least {nameof(f.MaxBodyBytes)} ({f.MaxBodyBytes}) so one body at the limit fits (got {f.MaxBodyBytesInFlight}).";
        }
        if (f.MaxRedirects is < 0 or > 20)
        {
            yield return $"{Path}{nameof(f.MaxRedirects)}: must be between 0 and 20 (got {f.MaxRedirects}).";
        }
        if (f.MaxConcurrency < 1)
        {
            yield return $"{Path}{nameof(f.MaxConcurrency)}: must be at least 1 (got {f.MaxConcurrency}).";
        }
        if (f.PerHostConcurrency < 1)
        {
            yield return $"{Path}{nameof(f.PerHostConcurrency)}: must be at least 1 (got {f.PerHostConcurrency}).";
        }
        if (f.UnhealthyAfterFailures < 1)
        {
            yield return $"{Path}{nameof(f.UnhealthyAfterFailures)}: must be at least 1 (got {f.UnhealthyAfterFailures}).";
        }
        if (f.SilentFactor < 1)
        {
            yield return $"{Path}{nameof(f.SilentFactor)}: must be at least 1 (got {f.SilentFactor}).";
        }
        if (string.IsNullOrWhiteSpace(f.UserAgent) || f.UserAgent.Any(char.IsControl))
        {
            yield return $"{Path}{nameof(f.UserAgent)}: must name the service on one line.";
        }
        if (f.MinPollInterval > f.MaxPollInterval)
        {
            yield return $"{Path}{nameof(f.MinPollInterval)}: {f.MinPollInterval} must not exceed {nameof(f.MaxPollInterval)} ({f.MaxPollInterval}).";
        }
    }
}
