using Monitor.Worker.Configuration;

namespace Monitor.Worker.Mail;

/// <summary>The two unsubscribe URIs of one subscriber's mail (List-Unsubscribe and the footer link).</summary>
public sealed record UnsubscribeLink(string Url, string Mailto);

/// <summary>
/// Url: PublicBaseUrl + "/unsubscribe?token=…" (GET shows a confirmation page, POST unsubscribes).
/// Mailto: unsubscribe@&lt;domain of FromAddress&gt; with the token in the subject; that mailbox is the operator's
/// to route (this service does not read incoming mail).
/// </summary>
public static class UnsubscribeLinks
{
    public const string Path = "/unsubscribe";

    public static UnsubscribeLink For(MailOptions options, UnsubscribeTokens tokens, long subscriberId, string email)
    {
        var token = Uri.EscapeDataString(tokens.Create(subscriberId, email));
        var url = options.PublicBaseUrl.TrimEnd('/') + Path + "?token=" + token;
        var domain = new MailAddress(options.FromAddress, null).Domain;
        var mailto = $"mailto:unsubscribe@{domain}?subject=unsubscribe-{token}";
        return new UnsubscribeLink(url, mailto);
    }
}
