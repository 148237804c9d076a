using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;

namespace Monitor.Worker.Web.Admin;

/// <summary>
/// Maps the operators' console under /admin. Every route requires the operator's sign-in except the login page
/// itself, and every POST is checked for its antiforgery token (<see cref="AdminSecurity.RequireAntiforgery"/>).
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(AdminSecurity.Prefix)
            .RequireAuthorization()
            .AddEndpointFilter(AdminSecurity.RequireAntiforgery);
        admin.MapGet("/login", (HttpContext c) => LoginPage(new AdminPage(c), null, StatusCodes.Status200OK)).AllowAnonymous();
        admin.MapPost("/login", LoginAsync).AllowAnonymous();
        admin.MapPost("/logout", async (HttpContext c) =>
        {
            await c.SignOutAsync(AdminSecurity.Scheme);
            return Results.Redirect(AdminSecurity.LoginPath);
        });
        admin.MapGet("/", () => Results.Redirect("/admin/sources"));
        SourcePages.Map(admin);
        StoryPages.Map(admin);
        TaggingPages.Map(admin);
        SubscriberPages.Map(admin);
        OutboxPages.Map(admin);
        return app;
    }

    private static async Task<IResult> LoginAsync(HttpContext context, IOptions<MonitorOptions> options, ILoggerFactory loggers)
    {
        var page = new AdminPage(context);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var secret = form["password"].ToString();
        var web = options.Value.Web;
        var ok = secret.Length > 0 && (
            (!string.IsNullOrWhiteSpace(web.AdminPasswordHash) && AdminPassword.Verify(secret, web.AdminPasswordHash))
            || (!string.IsNullOrWhiteSpace(web.AdminToken) && AdminPassword.TokenMatches(secret, web.AdminToken)));
        var logger = loggers.CreateLogger("Monitor.Admin");
        if (!ok)
        {
            logger.LogWarning("Admin sign-in refused from {Address}", context.Connection.RemoteIpAddress);
            return LoginPage(page, page.T("كلمة المرور غير صحيحة.", "Wrong password or token."), StatusCodes.Status401Unauthorized);
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator")], AdminSecurity.Scheme);
        await context.SignInAsync(AdminSecurity.Scheme, new ClaimsPrincipal(identity));
        logger.LogInformation("Admin signed in from {Address}", context.Connection.RemoteIpAddress);
        var back = context.Request.Query["ReturnUrl"].ToString();
        // Only our own pages: an absolute or protocol-relative URL here would be an open redirect.
        return Results.Redirect(back.StartsWith("/admin", StringComparison.Ordinal) && !back.StartsWith("//", StringComparison.Ordinal) ? back : "/admin/sources");
    }

    private static IResult LoginPage(AdminPage page, string? error, int status) => page.Render(page.T("الدخول", "Sign in"), $"""
        {(error is null ? "" : $"<p class=\"problem\" id=\"login-error\">{AdminPage.E(error)}</p>")}
        <form method="post" action="{AdminPage.U(AdminSecurity.LoginPath + page.Context.Request.QueryString)}">
        {page.Csrf()}
        <label for="password">{AdminPage.E(page.T("كلمة المرور أو الرمز", "Password or token"))}</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required autofocus>
        <button type="submit" id="login">{AdminPage.E(page.T("دخول", "Sign in"))}</button>
        </form>
        """, status);
}
