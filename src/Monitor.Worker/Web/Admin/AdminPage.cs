using System.Net;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;

namespace Monitor.Worker.Web.Admin;

/// <summary>
/// One admin page being rendered: the reader's language (Arabic right-to-left by default, English on request), the
/// antiforgery field for its forms, and the shared frame. Every value that reaches the HTML goes through
/// <see cref="E"/>; templates never concatenate raw data.
/// </summary>
internal sealed class AdminPage(HttpContext context)
{
    public const string LanguageCookie = "monitor-lang";

    public HttpContext Context { get; } = context;
    public string Lang { get; } = LanguageOf(context);
    public bool Arabic => Lang == "ar";

    /// <summary>The Arabic or the English wording, as the reader chose.</summary>
    public string T(string arabic, string english) => Arabic ? arabic : english;

    public static string E(string? value) => WebUtility.HtmlEncode(value ?? "");

    /// <summary>A URL for an href/action: encoded as an attribute; callers pass only our own paths or checked http(s) links.</summary>
    public static string U(string path) => WebUtility.HtmlEncode(path);

    public static string Q(string? value) => Uri.EscapeDataString(value ?? "");

    public static string When(DateTimeOffset? at) => at is null ? "—" : at.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The hidden antiforgery field every POST form carries.</summary>
    public string Csrf()
    {
        var tokens = Context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(Context);
        return $"""<input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">""";
    }

    /// <summary>A one-button POST form (pause, retry, poll now...).</summary>
    public string Button(string action, string label, params (string Name, string Value)[] fields)
    {
        var hidden = string.Concat(fields.Select(f => $"""<input type="hidden" name="{E(f.Name)}" value="{E(f.Value)}">"""));
        return $"""<form method="post" action="{U(action)}" class="inline">{Csrf()}{hidden}<button type="submit">{E(label)}</button></form>""";
    }

    /// <summary>An error message for one field, shown next to it.</summary>
    public static string FieldError(IReadOnlyDictionary<string, string> errors, string field) =>
        errors.TryGetValue(field, out var message) ? $"""<span class="error" id="error-{E(field)}">{E(message)}</span>""" : "";

    public IResult Render(string title, string body, int status = StatusCodes.Status200OK)
    {
        var sb = new StringBuilder();
        var path = Context.Request.Path.Value ?? "/admin";
        var other = Arabic ? "en" : "ar";
        sb.Append($"""
            <!DOCTYPE html>
            <html lang="{Lang}" dir="{(Arabic ? "rtl" : "ltr")}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>{E(title)} — {E(T("المرصد", "Monitor"))}</title>
            <style>{AdminStyle.Css}</style>
            </head>
            <body>
            <header><nav>
            <strong>{E(T("المرصد", "Monitor"))}</strong>
            <a href="/admin/sources">{E(T("المصادر", "Sources"))}</a>
            <a href="/admin/stories">{E(T("الأخبار", "Stories"))}</a>
            <a href="/admin/tagging">{E(T("المواضيع وقوائم المتابعة", "Topics & watch lists"))}</a>
            <a href="/admin/subscribers">{E(T("المشتركون", "Subscribers"))}</a>
            <a href="/admin/outbox">{E(T("صندوق الإرسال", "Outbox"))}</a>
            <a href="{U(path + "?lang=" + other)}" lang="{other}" id="lang-switch">{(Arabic ? "English" : "العربية")}</a>
            {(Context.User.Identity?.IsAuthenticated == true ? Button("/admin/logout", T("خروج", "Log out")) : "")}
            </nav></header>
            <main>
            <h1>{E(title)}</h1>
            {body}
            </main>
            </body>
            </html>
            """);
        return Results.Content(sb.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static string LanguageOf(HttpContext context)
    {
        var asked = context.Request.Query["lang"].ToString();
        if (asked is "ar" or "en")
        {
            context.Response.Cookies.Append(LanguageCookie, asked, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Path = "/admin", MaxAge = TimeSpan.FromDays(365),
            });
            return asked;
        }
        return context.Request.Cookies[LanguageCookie] is "en" ? "en" : "ar";
    }
}
