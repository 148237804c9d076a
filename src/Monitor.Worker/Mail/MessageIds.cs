using System.Security.Cryptography;
using System.Text;

namespace Monitor.Worker.Mail;

/// <summary>
/// Deterministic Message-IDs. The same idempotency key (subscriber + window) always gives the same id, so a message
/// resent after a crash in the window between the server's 250 and our "sent" record is recognisable as the same
/// message (clients and list archives collapse duplicates by Message-ID).
/// </summary>
public static class MessageIds
{
    public static string For(string idempotencyKey, string domain)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var host = domain.Trim().TrimEnd('.').ToLowerInvariant();
        if (!MailAddress.IsHostName(host))
            throw new ArgumentException($"'{domain}' is not a host name usable in a Message-ID", nameof(domain));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey));
        return $"<{Convert.ToHexStringLower(hash.AsSpan(0, 16))}@{host}>";
    }

    /// <summary>True for "&lt;left@right&gt;" made of printable ASCII without spaces or further brackets.</summary>
    public static bool IsValid(string? messageId)
    {
        if (messageId is null || messageId.Length < 5 || messageId.Length > 250) return false;
        if (messageId[0] != '<' || messageId[^1] != '>') return false;
        var inner = messageId.AsSpan(1, messageId.Length - 2);
        var at = inner.IndexOf('@');
        if (at <= 0 || at == inner.Length - 1 || inner[(at + 1)..].Contains('@')) return false;
        foreach (var c in inner)
            if (c <= ' ' || c >= 127 || c is '<' or '>' or '"' or '\\' or '(' or ')' or ',' or ';' or ':' or '[' or ']') return false;
        return true;
    }
}
