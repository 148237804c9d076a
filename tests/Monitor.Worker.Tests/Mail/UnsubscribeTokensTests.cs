using Monitor.Worker.Configuration;
using Monitor.Worker.Mail;

namespace Monitor.Worker.Tests.Mail;

/// <summary>Risk guarded: anyone unsubscribing someone else by guessing, altering or re-signing a token.</summary>
public sealed class UnsubscribeTokensTests
{
    private readonly UnsubscribeTokens _tokens = new("a-test-secret-of-enough-length");

    [Fact]
    public void A_token_verifies_and_names_its_subscriber_with_the_address_lower_cased()
    {
        var token = _tokens.Create(42, "Reader@Example.ORG");

        Assert.True(_tokens.TryVerify(token, out var id, out var email));
        Assert.Equal(42, id);
        Assert.Equal("reader@example.org", email);
    }

    [Fact]
    public void Every_single_character_change_is_refused()
    {
        var token = _tokens.Create(42, "reader@example.org");
        for (var i = 0; i < token.Length; i++)
        {
            var altered = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.False(_tokens.TryVerify(altered, out _, out _), $"accepted a change at {i}: {altered}");
        }
    }

    [Fact]
    public void A_signature_moved_onto_another_address_or_id_is_refused()
    {
        var token = _tokens.Create(42, "reader@example.org");
        var signature = token[(token.IndexOf('.') + 1)..];
        var otherAddress = Base64Url("42:victim@example.org") + "." + signature;
        var otherId = Base64Url("43:reader@example.org") + "." + signature;

        Assert.False(_tokens.TryVerify(otherAddress, out _, out _));
        Assert.False(_tokens.TryVerify(otherId, out _, out _));
    }

    [Fact]
    public void A_token_signed_with_another_secret_is_refused()
    {
        var foreign = new UnsubscribeTokens("another-secret-entirely-123").Create(42, "reader@example.org");

        Assert.False(_tokens.TryVerify(foreign, out _, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    [InlineData(".")]
    public void Garbage_is_refused(string token)
    {
        Assert.False(_tokens.TryVerify(token, out _, out _));
    }

    [Fact]
    public void A_short_secret_is_refused_up_front()
    {
        Assert.Throws<ArgumentException>(() => new UnsubscribeTokens("short"));
    }

    [Fact]
    public void The_generated_secret_is_kept_private_and_reused()
    {
        var folder = Directory.CreateTempSubdirectory("monitor-key-").FullName;
        try
        {
            var first = UnsubscribeTokens.LoadOrCreateSecret(null, folder);
            var again = UnsubscribeTokens.LoadOrCreateSecret("", folder);
            var configured = UnsubscribeTokens.LoadOrCreateSecret("configured-secret-wins-always", folder);

            Assert.Equal(first, again);
            Assert.True(first.Length >= 40);
            Assert.Equal("configured-secret-wins-always", configured);
            var path = Path.Combine(folder, UnsubscribeTokens.SecretFileName);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Links_carry_the_token_in_the_https_url_and_the_mailto_subject()
    {
        var options = new MailOptions { PublicBaseUrl = "https://monitor.example.org/", FromAddress = "digest@news.example.org" };

        var link = UnsubscribeLinks.For(options, _tokens, 7, "reader@example.org");

        var url = new Uri(link.Url);
        Assert.Equal("https://monitor.example.org/unsubscribe", url.GetLeftPart(UriPartial.Path));
        var token = Uri.UnescapeDataString(url.Query["?token=".Length..]);
        Assert.True(_tokens.TryVerify(token, out var id, out _));
        Assert.Equal(7, id);
        Assert.StartsWith("mailto:unsubscribe@news.example.org?subject=unsubscribe-", link.Mailto);
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
