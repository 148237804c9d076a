using Monitor.Worker.Mail;

namespace Monitor.Worker.Tests.Mail;

public sealed class BodyEncoderTests
{
    /// <summary>The definition the one-pass normalisation replaced: CRLF and lone CR to LF, a final LF, LF to CRLF.</summary>
    private static string ReferenceNormalize(string text)
    {
        var unified = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (!unified.EndsWith('\n')) unified += "\n";
        return unified.Replace("\n", "\r\n", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "\r\n")]
    [InlineData("a", "a\r\n")]
    [InlineData("a\nb", "a\r\nb\r\n")]
    [InlineData("a\r\r\nb\n\r", "a\r\n\r\nb\r\n\r\n")]
    [InlineData("\r\n", "\r\n")]
    public void Every_kind_of_line_break_becomes_crlf_and_the_text_ends_with_one(string text, string expected) =>
        Assert.Equal(expected, BodyEncoder.NormalizeLineBreaks(text));

    [Fact]
    public void Line_breaks_are_normalised_as_the_replacement_definition_does()
    {
        var random = new Random(9);
        const string alphabet = "ab ي\r\n";
        for (var round = 0; round < 2000; round++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            Assert.Equal(ReferenceNormalize(text), BodyEncoder.NormalizeLineBreaks(text));
        }
    }
}
