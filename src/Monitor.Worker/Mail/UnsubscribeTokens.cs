using System.Security.Cryptography;
using System.Text;

namespace Monitor.Worker.Mail;

/// <summary>
/// Signed unsubscribe tokens: base64url("id:email") "." base64url(HMAC-SHA256(secret, "id:email")), email lower-case.
/// The token names its subscriber, so the endpoint needs no lookup table; the signature, checked in constant
/// time, means nobody can make a token for an address they do not receive mail at, or alter one they have.
/// </summary>
public sealed class UnsubscribeTokens
{
    public const int MinimumSecretLength = 16;
    public const string SecretFileName = "unsubscribe.key";
    private readonly byte[] _key;

    public UnsubscribeTokens(string secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinimumSecretLength)
            throw new ArgumentException($"the unsubscribe secret must be at least {MinimumSecretLength} characters", nameof(secret));
        _key = Encoding.UTF8.GetBytes(secret);
    }

    public string Create(long subscriberId, string email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var payload = Encoding.UTF8.GetBytes(Payload(subscriberId, email));
        return Base64Url(payload) + "." + Base64Url(HMACSHA256.HashData(_key, payload));
    }

    public bool TryVerify(string? token, out long subscriberId, out string email)
    {
        subscriberId = 0;
        email = "";
        if (string.IsNullOrEmpty(token) || token.Length > 2048) return false;
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot != token.LastIndexOf('.')) return false;
        if (!TryFromBase64Url(token[..dot], out var payload) || !TryFromBase64Url(token[(dot + 1)..], out var signature))
            return false;
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, payload), signature)) return false;

        var text = Encoding.UTF8.GetString(payload);
        var colon = text.IndexOf(':');
        if (colon <= 0 || !long.TryParse(text.AsSpan(0, colon), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var id))
            return false;
        var address = text[(colon + 1)..];
        // Signed by us, but only ever as Payload() makes it: anything else is not one of our tokens.
        if (address.Length == 0 || Payload(id, address) != text) return false;
        subscriberId = id;
        email = address;
        return true;
    }

    /// <summary>
    /// The configured secret if there is one; otherwise the one kept in the data folder, created on first use
    /// (32 random bytes, file readable by the owner only) so links in mail already sent keep working after a restart.
    /// </summary>
    public static string LoadOrCreateSecret(string? configured, string dataFolder)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured.Trim();
        Directory.CreateDirectory(dataFolder);
        var path = Path.Combine(dataFolder, SecretFileName);
        if (File.Exists(path)) return ReadSecret(path);
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(Encoding.ASCII.GetBytes(secret));
            stream.Flush(flushToDisk: true);
            return secret;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs, so both sign alike.
            return ReadSecret(path);
        }
    }

    private static string ReadSecret(string path)
    {
        var secret = File.ReadAllText(path).Trim();
        if (secret.Length < MinimumSecretLength)
            throw new InvalidDataException($"{path} holds no usable secret (fewer than {MinimumSecretLength} characters); delete it to make a new one");
        return secret;
    }

    private static string Payload(long subscriberId, string email) =>
        subscriberId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + email.Trim().ToLowerInvariant();

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        bytes = [];
        foreach (var c in text)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => "!" };
        if (padded.EndsWith('!')) return false;
        try { bytes = Convert.FromBase64String(padded); }
        catch (FormatException) { return false; }
        // Only the canonical spelling: otherwise unused low bits give several spellings of one token.
        return Base64Url(bytes) == text;
    }
}
