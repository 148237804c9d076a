using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Worker.Mail;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Web;

/// <summary>
/// GET /unsubscribe?token=… shows a confirmation page and changes nothing (mail scanners follow links);
/// POST /unsubscribe?token=… unsubscribes: the RFC 8058 one-click POST (body "List-Unsubscribe=One-Click") and the
/// page's own form both land here. The token in the query is the whole authorisation, so the body is not needed.
/// A token that does not verify gets 400 and a page saying so.
/// </summary>
public static class UnsubscribeEndpoints
{
    public static IEndpointRouteBuilder MapUnsubscribe(this IEndpointRouteBuilder app)
    {
        app.MapGet(UnsubscribeLinks.Path, ShowAsync);
        app.MapPost(UnsubscribeLinks.Path, UnsubscribeAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ShowAsync(HttpContext context, UnsubscribeTokens tokens, IServiceProvider services, CancellationToken ct)
    {
        if (!tokens.TryVerify(context.Request.Query["token"], out var id, out var email))
            return Html(context, StatusCodes.Status400BadRequest, UnsubscribePage.InvalidToken());
        var subscriber = await Subscribers(services).GetSubscriberAsync(email, ct);
        return subscriber is { Active: true }
            ? Html(context, StatusCodes.Status200OK, UnsubscribePage.Confirm(email, context.Request.Query["token"]!))
            : Html(context, StatusCodes.Status200OK, UnsubscribePage.NotSubscribed(email));
    }

    private static async Task<IResult> UnsubscribeAsync(HttpContext context, UnsubscribeTokens tokens, IServiceProvider services,
        ILoggerFactory loggers, CancellationToken ct)
    {
        if (!tokens.TryVerify(context.Request.Query["token"], out var id, out var email))
            return Html(context, StatusCodes.Status400BadRequest, UnsubscribePage.InvalidToken());
        var store = Subscribers(services);
        // The address is what the signature vouches for; the id only tells a re-created subscriber apart in the log.
        var subscriber = await store.GetSubscriberAsync(email, ct);
        if (subscriber is null)
            return Html(context, StatusCodes.Status200OK, UnsubscribePage.NotSubscribed(email));
        if (subscriber.Active) await store.SetSubscriberActiveAsync(email, false, ct);
        loggers.CreateLogger("Monitor.Unsubscribe").LogInformation(
            "Subscriber {SubscriberId} unsubscribed (token for id {TokenId})", subscriber.Id, id);
        return Html(context, StatusCodes.Status200OK, UnsubscribePage.Done(email));
    }

    private static ISubscriberStore Subscribers(IServiceProvider services) =>
        services.GetService<ISubscriberStore>() ?? services.GetRequiredService<IMonitorStore>();

    private static IResult Html(HttpContext context, int status, string html)
    {
        // The token is a credential in the URL: keep it out of caches, referrers and search indexes.
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }
}
