using System.Diagnostics;
using Monitor.Worker.Web;

namespace Monitor.Worker.Tests.Web;

/// <summary>
/// Risk guarded: an operator following docs/operations.md makes a hash the service cannot verify (locked out), or a
/// malformed hash that some code path treats as "no password".
/// </summary>
public sealed class AdminPasswordTests
{
    /// <summary>The one-liner printed in docs/operations.md, with the password passed as an argument.</summary>
    public const string PythonOneLiner =
        "import hashlib,os,base64,sys; s=os.urandom(16); p=sys.argv[1].encode(); " +
        "print('pbkdf2-sha256$210000$'+base64.b64encode(s).decode()+'$'+base64.b64encode(hashlib.pbkdf2_hmac('sha256',p,s,210000)).decode())";

    [Fact]
    public void A_hash_verifies_its_password_and_nothing_else()
    {
        var hash = AdminPassword.Hash("كلمة سر طويلة 2026", iterations: 20_000);

        Assert.True(AdminPassword.Verify("كلمة سر طويلة 2026", hash));
        Assert.False(AdminPassword.Verify("كلمة سر طويلة 2025", hash));
        Assert.Null(AdminPassword.Describe(hash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("secret")]
    [InlineData("pbkdf2-sha256$100$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==")]
    [InlineData("pbkdf2-sha1$210000$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==")]
    [InlineData("pbkdf2-sha256$210000$not base64$aGFzaA==")]
    public void A_malformed_hash_verifies_nothing_and_says_why(string hash)
    {
        Assert.False(AdminPassword.Verify("", hash));
        Assert.False(AdminPassword.Verify("secret", hash));
        Assert.NotNull(AdminPassword.Describe(hash));
    }

    [Fact]
    public async Task The_documented_python_one_liner_makes_a_hash_the_service_accepts()
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(PythonOneLiner);
        start.ArgumentList.Add("operator's pass phrase");
        using var python = Process.Start(start)!;
        var hash = (await python.StandardOutput.ReadToEndAsync()).Trim();
        await python.WaitForExitAsync();

        Assert.True(AdminPassword.Verify("operator's pass phrase", hash), hash);
        Assert.False(AdminPassword.Verify("operator's pass phrase!", hash));
    }

    [Fact]
    public void Token_comparison_needs_the_exact_token()
    {
        Assert.True(AdminPassword.TokenMatches("abc-123", "abc-123"));
        Assert.False(AdminPassword.TokenMatches("abc-12", "abc-123"));
        Assert.False(AdminPassword.TokenMatches("", "abc-123"));
    }
}
