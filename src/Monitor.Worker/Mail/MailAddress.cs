using System.Globalization;

namespace Monitor.Worker.Mail;

/// <summary>
/// A mailbox: an ASCII addr-spec (local@domain) and an optional display name. The address is validated when built,
/// so nothing that reaches an SMTP command or a header can carry CR/LF, angle brackets or spaces. The display name
/// is free text (it may come from configuration or feeds): the message writer encodes it, it is never trusted.
/// </summary>
public sealed record MailAddress
{
    public MailAddress(string Address, string? DisplayName)
    {
        if (!TryNormalize(Address, out var normalized, out var error))
            throw new ArgumentException(error, nameof(Address));
        this.Address = normalized;
        this.DisplayName = string.IsNullOrWhiteSpace(DisplayName) ? null : DisplayName;
    }

    public string Address { get; }
    public string? DisplayName { get; }

    /// <summary>The part after '@', for Message-IDs and the unsubscribe mailbox.</summary>
    public string Domain => Address[(Address.LastIndexOf('@') + 1)..];

    /// <summary>Validates without throwing: the error says what is wrong with the address.</summary>
    public static bool TryCreate(string? address, string? displayName, out MailAddress? result, out string? error)
    {
        if (!TryNormalize(address, out _, out var problem))
        {
            result = null;
            error = problem;
            return false;
        }
        result = new MailAddress(address!, displayName);
        error = null;
        return true;
    }

    /// <summary>
    /// A plausible addr-spec: a dot-atom local part of RFC 5322 atext, '@', and a host name whose labels are letters,
    /// digits and hyphens (an internationalised domain is converted to its ASCII form). Quoted local parts and
    /// address literals are refused: no subscriber needs them and they widen what has to be escaped.
    /// </summary>
    private static bool TryNormalize(string? address, out string normalized, out string error)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(address)) { error = "the address is empty"; return false; }
        var trimmed = address.Trim();
        if (trimmed.Length > 254) { error = "the address is longer than 254 characters"; return false; }
        if (trimmed.AsSpan().IndexOfAny('\r', '\n') >= 0) { error = "the address contains a line break"; return false; }
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1) { error = $"'{Printable(trimmed)}' is not local@domain"; return false; }
        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..];
        if (local.Length > 64) { error = "the local part is longer than 64 characters"; return false; }
        if (!IsDotAtom(local)) { error = $"the local part '{Printable(local)}' has characters an address cannot carry unquoted"; return false; }
        string asciiDomain;
        try { asciiDomain = new IdnMapping().GetAscii(domain.TrimEnd('.')); }
        catch (ArgumentException) { error = $"the domain '{Printable(domain)}' is not a valid host name"; return false; }
        if (!IsHostName(asciiDomain)) { error = $"the domain '{Printable(domain)}' is not a valid host name"; return false; }
        normalized = local + "@" + asciiDomain.ToLowerInvariant();
        error = "";
        return true;
    }

    private static bool IsDotAtom(string local)
    {
        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal)) return false;
        foreach (var c in local)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '.' || "!#$%&'*+-/=?^_`{|}~".Contains(c))) return false;
        return true;
    }

    internal static bool IsHostName(string host)
    {
        if (host.Length is 0 or > 253) return false;
        foreach (var label in host.Split('.'))
        {
            if (label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-')) return false;
            foreach (var c in label)
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-')) return false;
        }
        return true;
    }

    private static string Printable(string s) => s.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public override string ToString() => DisplayName is null ? Address : $"{DisplayName} <{Address}>";
}
