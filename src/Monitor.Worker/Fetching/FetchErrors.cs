using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Monitor.Worker.Fetching;

/// <summary>Turns what HttpClient throws and what servers answer into an error kind and a message an operator can act on.</summary>
internal static class FetchErrors
{
    public static (FetchErrorKind Kind, string Message) ClassifySendError(Exception ex, Uri url)
    {
        var host = url.IdnHost;
        var endpoint = $"{host}:{url.Port}";
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SsrfBlockedException blocked:
                    return (FetchErrorKind.Blocked, blocked.Message);
                case AuthenticationException auth:
                    return (FetchErrorKind.Tls, $"TLS handshake with {endpoint} failed: {auth.Message}");
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } dns:
                    return (FetchErrorKind.Dns, $"DNS lookup of {host} failed: {dns.Message}");
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return (FetchErrorKind.ConnectionRefused, $"connection refused by {endpoint} (nothing listening)");
                case SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted }:
                    return (FetchErrorKind.ConnectionReset, $"connection to {endpoint} was reset before a response");
                case SocketException { SocketErrorCode: SocketError.TimedOut }:
                    return (FetchErrorKind.Timeout, $"connecting to {endpoint} timed out");
                case SocketException other:
                    return (FetchErrorKind.ConnectionRefused, $"could not connect to {endpoint}: {other.Message}");
            }
        }

        return ex is HttpRequestException http
            ? http.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => (FetchErrorKind.Dns, $"DNS lookup of {host} failed: {http.Message}"),
                HttpRequestError.SecureConnectionError => (FetchErrorKind.Tls, $"TLS handshake with {endpoint} failed: {http.Message}"),
                HttpRequestError.ConnectionError => (FetchErrorKind.ConnectionRefused, $"could not connect to {endpoint}: {http.Message}"),
                HttpRequestError.ResponseEnded => (FetchErrorKind.ConnectionReset, $"{endpoint} closed the connection before a complete response"),
                HttpRequestError.InvalidResponse or HttpRequestError.ConfigurationLimitExceeded
                    => (FetchErrorKind.Protocol, $"invalid HTTP response from {endpoint}: {http.Message}"),
                _ => (FetchErrorKind.Protocol, $"request to {endpoint} failed: {http.Message}"),
            }
            : (FetchErrorKind.Protocol, $"request to {endpoint} failed: {ex.Message}");
    }

    public static (FetchErrorKind Kind, string Message) ClassifyBodyError(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is InvalidDataException)
            {
                return (FetchErrorKind.Protocol, "the body's content encoding could not be decoded");
            }
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted })
            {
                return (FetchErrorKind.ConnectionReset, "connection reset while reading the body");
            }
        }
        return ex is HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded }
            ? (FetchErrorKind.ConnectionReset, "connection closed before the body was complete")
            : (FetchErrorKind.ConnectionReset, $"reading the body failed ({ex.Message})");
    }

    /// <summary>"HTTP 503 from news.example: Service Unavailable (retry after 120 s)".</summary>
    public static string HttpStatus(HttpResponseMessage response, Uri url, TimeSpan? retryAfter)
    {
        var code = (int)response.StatusCode;
        var reason = string.IsNullOrWhiteSpace(response.ReasonPhrase) ? response.StatusCode.ToString() : response.ReasonPhrase;
        var detail = response.StatusCode switch
        {
            HttpStatusCode.NotFound => " (the feed URL does not exist: check the source's URL)",
            HttpStatusCode.Gone => " (the site says the feed was removed for good)",
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => " (the site refuses us: credentials or a block)",
            _ => "",
        };
        var retry = retryAfter is { } wait ? $" (retry after {Math.Ceiling(wait.TotalSeconds):0} s)" : "";
        return $"HTTP {code} from {url.IdnHost}: {reason}{detail}{retry}";
    }
}
