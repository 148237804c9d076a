using Monitor.Worker.Mail;

namespace Monitor.Worker.Tests.Mail;

/// <summary>Risk guarded: an address that smuggles a line break or a second address into an SMTP command or header.</summary>
public sealed class MailAddressTests
{
    [Theory]
    [InlineData("reader@example.org", "reader@example.org")]
    [InlineData(" First.Last+tag@Example.ORG ", "First.Last+tag@example.org")]
    [InlineData("user@موقع.سوريا", "user@xn--4gbrim.xn--mgbtf8fl")]
    public void Accepts_plausible_addresses_and_normalises_the_domain(string input, string expected)
    {
        Assert.True(MailAddress.TryCreate(input, null, out var address, out _));
        Assert.Equal(expected, address!.Address);
    }

    [Theory]
    [InlineData("reader@example.org\r\nRCPT TO:<other@example.org>", "line break")]
    [InlineData("reader@example.org>", "host name")]
    [InlineData("<reader@example.org>", "local part")]
    [InlineData("two words@example.org", "local part")]
    [InlineData("a@b@example.org", "local part")]
    [InlineData("reader@", "local@domain")]
    [InlineData("", "empty")]
    [InlineData("reader@exa_mple.org", "host name")]
    [InlineData("..reader@example.org", "local part")]
    public void Refuses_anything_else_with_a_reason(string input, string reason)
    {
        Assert.False(MailAddress.TryCreate(input, null, out var address, out var error));
        Assert.Null(address);
        Assert.Contains(reason, error);
        Assert.Throws<ArgumentException>(() => new MailAddress(input, null));
    }

    [Fact]
    public void Message_ids_are_stable_per_key_and_distinct_across_keys()
    {
        var first = MessageIds.For("subscriber-1/2026-11-22", "example.org");

        Assert.Equal(first, MessageIds.For("subscriber-1/2026-11-22", "Example.org"));
        Assert.NotEqual(first, MessageIds.For("subscriber-1/2026-11-23", "example.org"));
        Assert.Matches("^<[0-9a-f]{32}@example\\.org>$", first);
        Assert.True(MessageIds.IsValid(first));
    }
}
