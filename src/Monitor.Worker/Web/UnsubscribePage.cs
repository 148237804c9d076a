using System.Net;
using System.Text;

namespace Monitor.Worker.Web;

/// <summary>The unsubscribe pages: Arabic first (right to left), English below; every dynamic value HTML-encoded.</summary>
internal static class UnsubscribePage
{
    public static string Confirm(string email, string token) => Page(
        "إلغاء الاشتراك",
        $"""
        <p>هل تريد إيقاف رسائل الملخص إلى <bdi dir="ltr">{Enc(email)}</bdi>؟</p>
        <form method="post" action="?token={Enc(Uri.EscapeDataString(token))}">
          <button type="submit">نعم، ألغِ اشتراكي / Yes, unsubscribe me</button>
        </form>
        """,
        $"""<p>Stop the digest emails to <bdi>{Enc(email)}</bdi>? Press the button above to confirm.</p>""");

    public static string Done(string email) => Page(
        "تم إلغاء الاشتراك",
        $"""<p>لن تصل رسائل الملخص بعد الآن إلى <bdi dir="ltr">{Enc(email)}</bdi>.</p>""",
        $"""<p>You are unsubscribed: no more digests will be sent to <bdi>{Enc(email)}</bdi>.</p>""");

    public static string NotSubscribed(string email) => Page(
        "العنوان غير مشترك",
        $"""<p>العنوان <bdi dir="ltr">{Enc(email)}</bdi> غير مشترك، فلا شيء لإلغائه.</p>""",
        $"""<p><bdi>{Enc(email)}</bdi> is not subscribed: there is nothing to cancel.</p>""");

    public static string InvalidToken() => Page(
        "رابط غير صالح",
        "<p>رابط إلغاء الاشتراك هذا غير صالح أو تغيّر. استخدم الرابط كما ورد في آخر رسالة وصلتك.</p>",
        "<p>This unsubscribe link is not valid or has been altered. Use the link exactly as it appears in your latest digest.</p>");

    private const string Style = """
        <style>
        body { font-family: system-ui, "Noto Naskh Arabic", Tahoma, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6; }
        section[lang="en"] { border-top: 1px solid #ccc; margin-top: 1.5rem; padding-top: 1rem; }
        button { font: inherit; padding: .6rem 1.2rem; }
        </style>
        """;

    private static string Enc(string text) => WebUtility.HtmlEncode(text);

    private static string Page(string arabicTitle, string arabicBody, string englishBody)
    {
        var sb = new StringBuilder();
        sb.Append($"""
            <!DOCTYPE html>
            <html lang="ar" dir="rtl">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>{Enc(arabicTitle)}</title>
            {Style}
            </head>
            <body>
            <section lang="ar" dir="rtl"><h1>{Enc(arabicTitle)}</h1>
            {arabicBody}
            </section>
            <section lang="en" dir="ltr">
            {englishBody}
            </section>
            </body>
            </html>
            """);
        return sb.ToString();
    }
}
