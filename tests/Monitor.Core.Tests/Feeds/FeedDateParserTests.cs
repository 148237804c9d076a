using Monitor.Core.Feeds;

namespace Monitor.Core.Tests.Feeds;

/// <summary>Every date form feeds and Arabic news pages write; a wrong instant is worse than a flagged fallback.</summary>
public sealed class FeedDateParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    // Damascus: UTC+3 all year since 2022 (fixed offset keeps the test independent of tzdata).
    private static readonly TimeZoneInfo Damascus = TimeZoneInfo.CreateCustomTimeZone("Test/Damascus", TimeSpan.FromHours(3), "Damascus", "Damascus");

    private static string Utc(string text, TimeZoneInfo? zone = null)
    {
        Assert.True(FeedDateParser.TryParse(text, zone ?? TimeZoneInfo.Utc, Now, out var utc), $"'{text}' was not parsed");
        Assert.Equal(TimeSpan.Zero, utc.Offset);
        return utc.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData("Mon, 26 Nov 2018 14:05:00 GMT", "2018-11-26T14:05:00Z")]
    [InlineData("Mon, 26 Nov 2018 14:05:00 +0300", "2018-11-26T11:05:00Z")]
    [InlineData("Mon, 26 Nov 2018 14:05:00 -05:00", "2018-11-26T19:05:00Z")]
    [InlineData("Mon, 26 Nov 2018 14:05:00 EST", "2018-11-26T19:05:00Z")]
    [InlineData("Mon, 26 Nov 2018 14:05:00 PDT", "2018-11-26T21:05:00Z")]
    [InlineData("26 Nov 2018 14:05 GMT", "2018-11-26T14:05:00Z")]
    [InlineData("Mon,26 November 2018 14:05:00 UT", "2018-11-26T14:05:00Z")]
    [InlineData("Mon, 26 Nov 18 14:05:00 GMT", "2018-11-26T14:05:00Z")]
    [InlineData("Mon Nov 26 14:05:00 2018", "2018-11-26T14:05:00Z")]
    [InlineData("lun, 26 nov 2018 14:05:00 +0100", "2018-11-26T13:05:00Z")]
    public void Reads_rfc822_with_named_and_numeric_zones(string input, string expected) => Assert.Equal(expected, Utc(input));

    [Theory]
    [InlineData("2018-11-26T14:05:00Z", "2018-11-26T14:05:00Z")]
    [InlineData("2018-11-26T14:05:00.123+03:00", "2018-11-26T11:05:00Z")]
    [InlineData("2018-11-26T14:05:00+0300", "2018-11-26T11:05:00Z")]
    [InlineData("2018-11-26", "2018-11-26T00:00:00Z")]
    [InlineData("20181126", "2018-11-26T00:00:00Z")]
    public void Reads_iso8601_and_rfc3339(string input, string expected) => Assert.Equal(expected, Utc(input));

    [Fact]
    public void Zone_less_date_takes_the_source_zone() =>
        Assert.Equal("2018-11-26T11:05:00Z", Utc("2018-11-26 14:05:00", Damascus));

    [Fact]
    public void Zone_less_rfc822_takes_the_source_zone() =>
        Assert.Equal("2018-11-26T11:05:00Z", Utc("Mon, 26 Nov 2018 14:05:00", Damascus));

    [Theory]
    [InlineData("26 نوفمبر 2018 14:05", "2018-11-26T11:05:00Z")]
    [InlineData("الإثنين، 26 تشرين الثاني 2018 14:05", "2018-11-26T11:05:00Z")]
    [InlineData("1 كانون الثاني 2019", "2018-12-31T21:00:00Z")]
    [InlineData("15 كانون الأول 2018 - 09:30", "2018-12-15T06:30:00Z")]
    [InlineData("3 أيار 2020", "2020-05-02T21:00:00Z")]
    [InlineData("3 مايو 2020", "2020-05-02T21:00:00Z")]
    [InlineData("الخميس 5 آب 2021 الساعة 10:00", "2021-08-05T07:00:00Z")]
    public void Reads_arabic_month_names_of_both_families(string input, string expected) => Assert.Equal(expected, Utc(input, Damascus));

    [Theory]
    [InlineData("٢٦ نوفمبر ٢٠١٨ ١٤:٠٥", "2018-11-26T11:05:00Z")]
    [InlineData("٢٠١٨-١١-٢٦ ١٤:٠٥:٠٠", "2018-11-26T11:05:00Z")]
    [InlineData("۲۶/۱۱/۲۰۱۸", "2018-11-25T21:00:00Z")]
    public void Reads_arabic_indic_and_persian_digits(string input, string expected) => Assert.Equal(expected, Utc(input, Damascus));

    [Theory]
    [InlineData("26/11/2018 02:05 م", "2018-11-26T11:05:00Z")]
    [InlineData("26/11/2018 09:05 ص", "2018-11-26T06:05:00Z")]
    public void Reads_day_first_numeric_dates_with_arabic_am_pm(string input, string expected) => Assert.Equal(expected, Utc(input, Damascus));

    [Theory]
    [InlineData("منذ ساعتين", "2026-03-01T10:00:00Z")]
    [InlineData("منذ 5 دقائق", "2026-03-01T11:55:00Z")]
    [InlineData("منذ ٣ ساعات", "2026-03-01T09:00:00Z")]
    [InlineData("منذ يومين", "2026-02-27T12:00:00Z")]
    [InlineData("منذ دقيقة", "2026-03-01T11:59:00Z")]
    [InlineData("قبل 3 أيام", "2026-02-26T12:00:00Z")]
    [InlineData("أمس", "2026-02-28T12:00:00Z")]
    [InlineData("الآن", "2026-03-01T12:00:00Z")]
    [InlineData("5 minutes ago", "2026-03-01T11:55:00Z")]
    public void Reads_relative_times_against_the_given_now(string input, string expected) => Assert.Equal(expected, Utc(input));

    [Theory]
    [InlineData("")]
    [InlineData("not a date")]
    [InlineData("Sun, 99 Jun 2009 12:00:00 GMT")]
    [InlineData("2003-12-31T25:14:55Z")]
    [InlineData("2013-01-28T11:30:00-06:00Textra")]
    [InlineData("31 فلان 2018")]
    [InlineData("منذ قليل جدا جدا")]
    public void Rejects_what_it_cannot_read(string input) =>
        Assert.False(FeedDateParser.TryParse(input, TimeZoneInfo.Utc, Now, out _));

    [Fact]
    public void Entry_without_readable_date_gets_fetch_time_and_flag()
    {
        var doc = FeedTestData.ParseOk(FeedTestData.Rss("<item><title>a</title><pubDate>someday</pubDate></item><item><title>b</title><pubDate>Mon, 26 Nov 2018 14:05:00 GMT</pubDate></item>"));
        Assert.True(doc.Entries[0].DateIsFallback);
        Assert.Equal(FeedTestData.FetchedAt, doc.Entries[0].Published);
        Assert.False(doc.Entries[1].DateIsFallback);
        Assert.Contains(doc.Warnings, w => w.Contains("no readable date", StringComparison.Ordinal));
    }
}
