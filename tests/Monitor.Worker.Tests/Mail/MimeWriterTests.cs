using System.Text;
using Monitor.Worker.Mail;
using Monitor.Worker.Tests.Support;

namespace Monitor.Worker.Tests.Mail;

/// <summary>
/// Risk guarded: a digest whose Arabic subject or sender name arrives garbled, whose parts are in the wrong order,
/// or whose header block a feed title can break. Every assertion is on what Python's email parser decodes.
/// </summary>
public sealed class MimeWriterTests
{
    [Theory]
    [InlineData("ملخص الأخبار: ٣ بيانات جديدة")]
    [InlineData("الائتلاف الوطني السوري يدين القصف على إدلب ويطالب المجتمع الدولي بتحمل مسؤولياته تجاه المدنيين في شمال غرب سوريا")]
    [InlineData("Digest: 12 new statements — الائتلاف يرحب بقرار مجلس الأمن 2254 (2015) \"حرفياً\", وفقاً للبيان")]
    [InlineData("Plain ASCII subject that is long enough to need folding across more than one header line for sure")]
    [InlineData("Looks like an encoded word =?UTF-8?B?SGVsbG8=?= but is not")]
    [InlineData("ZWJ family 👨‍👩‍👧‍👦 and Arabic with harakat: مُحَمَّدٌ رَسُولُ اللَّهِ — emoji flags 🇸🇾🇸🇾🇸🇾🇸🇾🇸🇾🇸🇾🇸🇾🇸🇾")]
    public async Task Subject_is_decoded_exactly_and_header_lines_stay_within_78(string subject)
    {
        var message = await MimeInspector.InspectAsync(MimeWriter.Write(TestMail.Digest(subject: subject)));

        Assert.Equal(subject, message.Subject);
        Assert.Empty(message.Defects);
        Assert.True(message.MaxHeaderLineLength <= 78, $"header line of {message.MaxHeaderLineLength}");
        Assert.Equal(0, message.NonAsciiBytes);
        Assert.Equal(0, message.BareLineFeeds);
    }

    [Theory]
    [InlineData("مرصد الأخبار")]
    [InlineData("حسن، \"أبو علي\"")]
    [InlineData("Doe, John \"JD\" \\ Jr.")]
    [InlineData("A very long ASCII display name, with commas,  two spaces, that does not fit on one header line at all")]
    public async Task Display_names_with_quotes_commas_and_Arabic_decode_exactly(string name)
    {
        var message = await MimeInspector.InspectAsync(MimeWriter.Write(TestMail.Digest(fromName: name, toName: name)));

        var from = Assert.Single(message.From);
        Assert.Equal(name, from.DisplayName);
        Assert.Equal(name, from.StrictDisplayName);
        Assert.Equal("monitor@example.org", from.Address);
        var to = Assert.Single(message.To);
        Assert.Equal(name, to.DisplayName);
        Assert.Equal("reader@example.org", to.Address);
        Assert.Empty(message.Defects);
        Assert.True(message.MaxHeaderLineLength <= 78, $"header line of {message.MaxHeaderLineLength}");
    }

    /// <summary>
    /// A name longer than one encoded-word (about 22 Arabic letters) needs several. RFC 2047 decoders get it back
    /// exactly; Python 3.11's modern parser keeps the folding space between words in a display name (CPython
    /// gh-128110), and because splits fall on the name's own spaces that shows only as a doubled space.
    /// </summary>
    [Theory]
    [InlineData("الائتلاف الوطني لقوى الثورة والمعارضة السورية، الدائرة الإعلامية \"الرسمية\"")]
    [InlineData("حسن، \"أبو علي\" <admin@evil.example>, other@evil.example")]
    public async Task Long_Arabic_display_names_decode_exactly_by_rfc2047_and_only_split_at_spaces(string name)
    {
        var message = await MimeInspector.InspectAsync(MimeWriter.Write(TestMail.Digest(fromName: name)));

        var from = Assert.Single(message.From);
        Assert.Equal(name, from.StrictDisplayName);
        Assert.Equal(name, CollapseSpaces(from.DisplayName));
        Assert.Equal("monitor@example.org", from.Address);
        Assert.Empty(message.Defects);
        Assert.True(message.MaxHeaderLineLength <= 78, $"header line of {message.MaxHeaderLineLength}");
    }

    private static string CollapseSpaces(string text) => System.Text.RegularExpressions.Regex.Replace(text, " {2,}", " ");

    [Fact]
    public async Task Missing_display_name_gives_a_bare_address()
    {
        var message = await MimeInspector.InspectAsync(MimeWriter.Write(TestMail.Digest(fromName: null, toName: "  ")));

        Assert.Equal(("", "monitor@example.org"), (message.From[0].DisplayName, message.From[0].Address));
        Assert.Equal(("", "reader@example.org"), (message.To[0].DisplayName, message.To[0].Address));
    }

    [Fact]
    public async Task Multipart_alternative_has_plain_text_first_and_html_second_both_utf8()
    {
        var text = "السلام عليكم\r\nسطر ثانٍ\nسطر ثالث\rوسطر رابع";
        var html = "<html dir=\"rtl\" lang=\"ar\"><body><p>الائتلاف الوطني</p>\n<p>Line = with equals . and dots</p></body></html>";
        var message = await MimeInspector.InspectAsync(MimeWriter.Write(TestMail.Digest(text: text, html: html)));

        Assert.Equal("multipart/alternative", message.ContentType);
        Assert.Collection(message.Leaves,
            plain =>
            {
                Assert.Equal("text/plain", plain.ContentType);
                Assert.Equal("utf-8", plain.Charset);
                Assert.Equal("السلام عليكم\nسطر ثانٍ\nسطر ثالث\nوسطر رابع\n", plain.Text);
            },
            rich =>
            {
                Assert.Equal("text/html", rich.ContentType);
                Assert.Equal("utf-8", rich.Charset);
                Assert.Equal(html + "\n", rich.Text);
            });
        Assert.Empty(message.Defects);
        Assert.True(message.MaxLineLength <= 78);
    }

    [Theory]
    [InlineData("quoted-printable", "Mostly English text with one Arabic word: سوريا. Trailing space here \n.leading dot\n= sign")]
    [InlineData("base64", "نص عربي طويل كله تقريباً بالعربية مع كلمة English واحدة")]
    public async Task Bodies_use_the_compact_encoding_with_lines_of_at_most_76(string encoding, string body)
    {
        var longBody = string.Join("\n", Enumerable.Repeat(body + " " + new string('x', 90), 20));
        var message = await MimeInspector.InspectAsync(MimeWriter.Write(TestMail.Digest(text: longBody)));

        var plain = message.Leaves[0];
        Assert.Equal(encoding, plain.TransferEncoding);
        Assert.Equal(longBody + "\n", plain.Text);
        Assert.True(message.MaxBodyLineLength <= 76, $"body line of {message.MaxBodyLineLength}");
    }

    [Fact]
    public async Task List_headers_carry_both_unsubscribe_uris_and_one_click()
    {
        var message = await MimeInspector.InspectAsync(MimeWriter.Write(TestMail.Digest()));

        Assert.Equal("<digest.monitor.example.org>", message.ListId);
        Assert.Equal("<https://monitor.example.org/unsubscribe?token=abc.def>, <mailto:unsubscribe@example.org?subject=unsubscribe-abc.def>",
            message.ListUnsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", message.ListUnsubscribePost);
    }

    [Fact]
    public async Task Date_and_message_id_are_present_and_parse()
    {
        var mail = TestMail.Digest();
        var message = await MimeInspector.InspectAsync(MimeWriter.Write(mail));

        Assert.Equal(mail.MessageId, message.MessageId);
        Assert.Equal("2026-11-22T08:30:00+03:00", message.DateIso);
        Assert.Equal("1.0", message.Headers.Single(h => h.Name == "MIME-Version").Value);
    }

    [Fact]
    public async Task Line_breaks_in_subject_and_names_cannot_add_a_header()
    {
        var mail = TestMail.Digest(
            subject: "عنوان\r\nBcc: victim@example.com\r\n\r\nbody",
            fromName: "Name\r\nX-Injected: yes",
            toName: "قارئ\nReply-To: attacker@example.com");
        var message = await MimeInspector.InspectAsync(MimeWriter.Write(mail));

        Assert.Equal(
            ["Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post", "Content-Type"],
            message.HeaderNames);
        Assert.Equal("عنوان  Bcc: victim@example.com    body", message.Subject);
        Assert.Equal("Name  X-Injected: yes", message.From[0].DisplayName);
        Assert.Equal("reader@example.org", Assert.Single(message.To).Address);
        Assert.Empty(message.Defects);
    }

    [Fact]
    public void Same_mail_gives_the_same_bytes()
    {
        Assert.Equal(MimeWriter.Write(TestMail.Digest()), MimeWriter.Write(TestMail.Digest()));
    }

    [Fact]
    public void Malformed_list_values_are_refused_with_the_field_named()
    {
        var badUrl = TestMail.Digest() with { UnsubscribeUrl = "https://x.example/u?t=a\r\nBcc: v@x" };
        var badList = TestMail.Digest() with { ListId = "digest list" };
        var badId = TestMail.Digest() with { MessageId = "<no at sign>" };

        Assert.Contains("UnsubscribeUrl", Assert.Throws<ArgumentException>(() => MimeWriter.Write(badUrl)).Message);
        Assert.Contains("ListId", Assert.Throws<ArgumentException>(() => MimeWriter.Write(badList)).Message);
        Assert.Contains("MessageId", Assert.Throws<ArgumentException>(() => MimeWriter.Write(badId)).Message);
    }

    [Fact]
    public void Encoded_words_are_at_most_75_and_each_holds_whole_utf8_characters()
    {
        var subject = string.Concat(Enumerable.Repeat("الائتلافُ الوطنيّ 🇸🇾 ", 12));
        var words = HeaderEncoder.EncodedWords(subject, firstBudget: 69);

        Assert.True(words.Count > 3);
        Assert.True(words[0].Length <= 69);
        Assert.All(words, w => Assert.True(w.Length <= 75, w));
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var decoded = words.Select(w => strict.GetString(Convert.FromBase64String(w["=?UTF-8?B?".Length..^2])));
        Assert.Equal(subject, string.Concat(decoded));
    }
}
