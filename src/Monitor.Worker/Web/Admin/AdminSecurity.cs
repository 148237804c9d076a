using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;

namespace Monitor.Worker.Web.Admin;

/// <summary>
/// The locks on the admin pages: cookie sign-in (HttpOnly, SameSite=Strict, Secure on https), antiforgery tokens on
/// every POST, strict security headers, and a gate that answers 404 for every admin path when no operator secret is
/// configured — the pages are never open.
/// </summary>
public static class AdminSecurity
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Prefix = "/admin";
    public const string LoginPath = "/admin/login";

    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IServiceCollection AddAdminSecurity(this IServiceCollection services, MonitorPaths paths)
    {
        services.AddAuthentication(Scheme).AddCookie(Scheme, o =>
        {
            o.LoginPath = LoginPath;
            o.LogoutPath = "/admin/logout";
            o.AccessDeniedPath = LoginPath;
            o.Cookie.Name = "monitor-admin";
            o.Cookie.Path = Prefix;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        services.AddAuthorization();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "monitor-csrf";
            o.Cookie.Path = Prefix;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__csrf";
        });
        // Keys in the data folder: a restart does not sign every operator out.
        services.AddDataProtection().SetApplicationName("Monitor").PersistKeysToFileSystem(new DirectoryInfo(paths.UnderData("web-keys")));
        return services;
    }

    /// <summary>True when an operator secret is configured; the admin pages exist only then.</summary>
    public static bool IsEnabled(WebOptions web) =>
        !string.IsNullOrWhiteSpace(web.AdminPasswordHash) || !string.IsNullOrWhiteSpace(web.AdminToken);

    /// <summary>Before authentication: the "disabled" answer, and security headers on every admin response (redirects included).</summary>
    public static IApplicationBuilder UseAdminGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments(Prefix))
        {
            await next(context);
            return;
        }
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
        var web = context.RequestServices.GetRequiredService<IOptions<MonitorOptions>>().Value.Web;
        if (!IsEnabled(web))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(
                "The admin pages are disabled: no operator secret is configured. Set Monitor__Web__AdminPasswordHash " +
                "(see docs/operations.md) or Monitor__Web__AdminToken in the environment and restart.\n");
            return;
        }
        await next(context);
    });

    /// <summary>Every POST under /admin must carry a valid antiforgery token: 400 otherwise, and the handler never runs.</summary>
    public static async ValueTask<object?> RequireAntiforgery(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (!HttpMethods.IsPost(context.Request.Method)) return await next(invocation);
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Text("The form's security token is missing or invalid: reload the page and try again.", "text/plain; charset=utf-8",
                statusCode: StatusCodes.Status400BadRequest);
        }
        return await next(invocation);
    }
}
