using System.Text.Json;
using Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Tests.Storage;

/// <summary>
/// Subscribers' topic, watch-list and muted-source lists are stored as JSON text. They are written without the
/// reflection serializer (start-up cost); rows written before must read the same and new rows must hold the same text.
/// </summary>
public sealed class JsonListColumnTests
{
    public static TheoryData<string[]> Lists => new()
    {
        Array.Empty<string>(),
        new[] { "politics" },
        new[] { "وقف إطلاق النار", "الائتلاف الوطني" },
        new[] { "quote \" and backslash \\", "<tag> & 'apostrophe'", "tab\tnew\nline", "emoji 🙂" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void Lists_are_written_as_the_serializer_wrote_them(string[] list) =>
        Assert.Equal(JsonSerializer.Serialize<IReadOnlyList<string>>(list), Db.Json(list));

    [Theory]
    [MemberData(nameof(Lists))]
    public void Lists_written_by_the_serializer_read_back_whole(string[] list) =>
        Assert.Equal(list, Db.JsonList(JsonSerializer.Serialize(list)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("null")]
    public void A_missing_list_reads_as_empty(string? json) => Assert.Empty(Db.JsonList(json));
}
