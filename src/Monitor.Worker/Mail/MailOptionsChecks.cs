using Monitor.Worker.Configuration;

namespace Monitor.Worker.Mail;

/// <summary>
/// Everything wrong with the mail settings, each naming its JSON path, for the options validator to report at
/// start (so a bad value fails the start, not the first digest hours later).
/// </summary>
public static class MailOptionsChecks
{
    public static IReadOnlyList<string> Validate(MailOptions mail, string path = "Monitor:Mail")
    {
        var errors = new List<string>();
        if (!string.Equals(mail.Transport, "smtp", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(mail.Transport, "pickup", StringComparison.OrdinalIgnoreCase))
            errors.Add($"{path}:Transport: \"{mail.Transport}\" is not one of pickup, smtp");
        try { SmtpSettings.ParseSecurity(mail.Security); }
        catch (ArgumentException) { errors.Add($"{path}:Security: \"{mail.Security}\" is not one of none, starttls, tls"); }
        if (!MailAddress.TryCreate(mail.FromAddress, mail.FromName, out _, out var fromError))
            errors.Add($"{path}:FromAddress: {fromError}");
        if (string.IsNullOrWhiteSpace(mail.Host)) errors.Add($"{path}:Host: empty");
        if (mail.Port is < 1 or > 65535) errors.Add($"{path}:Port: {mail.Port} is not a TCP port");
        if (mail.Timeout <= TimeSpan.Zero) errors.Add($"{path}:Timeout: must be positive");
        if (mail.MaxAttempts < 1) errors.Add($"{path}:MaxAttempts: must be at least 1");
        if (mail.MessagesPerMinute < 1) errors.Add($"{path}:MessagesPerMinute: must be at least 1");
        if (mail.MaxStoriesPerDigest is < 1 or > 1000) errors.Add($"{path}:MaxStoriesPerDigest: {mail.MaxStoriesPerDigest} is outside 1 .. 1000");
        if (!Uri.TryCreate(mail.PublicBaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(baseUrl.Query))
            errors.Add($"{path}:PublicBaseUrl: \"{mail.PublicBaseUrl}\" is not an absolute http(s) URL without a query");
        if (!MailAddress.IsHostName(mail.ListId.Trim().Trim('<', '>')))
            errors.Add($"{path}:ListId: \"{mail.ListId}\" is not a dot-separated identifier (digest.monitor.example.org)");
        if (!string.IsNullOrEmpty(mail.UnsubscribeSecret) && mail.UnsubscribeSecret.Trim().Length < UnsubscribeTokens.MinimumSecretLength)
            errors.Add($"{path}:UnsubscribeSecret: shorter than {UnsubscribeTokens.MinimumSecretLength} characters");
        return errors;
    }
}
