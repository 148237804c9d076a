using System.Security.Cryptography;
using System.Text;

namespace Monitor.Worker.Web;

/// <summary>
/// The operators' password as a PBKDF2 hash string: <c>pbkdf2-sha256$ITERATIONS$SALT_B64$HASH_B64</c>. The same
/// string is made by the Python one-liner in docs/operations.md, so no tool of ours has to see the password.
/// </summary>
public static class AdminPassword
{
    public const string Scheme = "pbkdf2-sha256";
    public const int DefaultIterations = 210_000;

    public static string Hash(string password, int iterations = DefaultIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>False for a wrong password and for a malformed hash string (see <see cref="Describe"/>).</summary>
    public static bool Verify(string password, string hashString)
    {
        if (!TryParse(hashString, out var iterations, out var salt, out var expected)) return false;
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Null when the string is a usable hash; otherwise what is wrong with it (shown at start, never the value).</summary>
    public static string? Describe(string hashString) =>
        TryParse(hashString, out _, out _, out _) ? null : $"not a {Scheme}$ITERATIONS$SALT_B64$HASH_B64 string with at least 10000 iterations";

    /// <summary>Token comparison in constant time (for Monitor:Web:AdminToken).</summary>
    public static bool TokenMatches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static bool TryParse(string value, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = value.Trim().Split('$');
        if (parts.Length != 4 || parts[0] != Scheme) return false;
        if (!int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out iterations) || iterations < 10_000) return false;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        return salt.Length >= 8 && hash.Length >= 16;
    }
}
