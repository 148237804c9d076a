using Monitor.Core.Text;

namespace Monitor.Core.Tests.Text;

/// <summary>Tokens keep their place in the original, numbers and Latin words survive, stems and stop words are marked.</summary>
public sealed class TextAnalyzerTests
{
    [Fact]
    public void Keeps_numbers_and_latin_words_with_their_offsets()
    {
        var a = TextAnalyzer.Analyze("قتل ١٢٠ مدنياً، ISIS أعلن");
        Assert.Equal(["قتل", "120", "مدنيا", "isis", "اعلن"], a.Tokens.Select(t => t.Normalized));
        Assert.Equal([TokenKind.Arabic, TokenKind.Number, TokenKind.Arabic, TokenKind.Latin, TokenKind.Arabic], a.Tokens.Select(t => t.Kind));
        var isis = a.Tokens[3];
        Assert.Equal("ISIS", isis.Text);
        Assert.Equal("ISIS", "قتل ١٢٠ مدنياً، ISIS أعلن".Substring(isis.Start, isis.Length));
    }

    [Fact]
    public void Splits_a_letter_prefix_from_a_number() =>
        Assert.Equal(["لـ", "53"], TextAnalyzer.Analyze("لـ53").Tokens.Select(t => t.Text));

    [Fact]
    public void Keeps_separators_inside_numbers() =>
        Assert.Equal(["1,200", "3.5"], TextAnalyzer.Analyze("1,200 و3.5").Tokens.Where(t => t.Kind == TokenKind.Number).Select(t => t.Normalized));

    [Fact]
    public void Keeps_diacritics_and_tatweel_inside_one_token()
    {
        var t = Assert.Single(TextAnalyzer.Analyze("مُـدَرَّعَة").Tokens);
        Assert.Equal("مدرعه", t.Normalized);
    }

    [Fact]
    public void Marks_stop_words_in_any_spelling()
    {
        var tokens = TextAnalyzer.Analyze("إلى الى على حلب").Tokens;
        Assert.Equal([true, true, true, false], tokens.Select(t => t.IsStopWord));
    }

    [Theory]
    [InlineData("والمفاوضات", "مفاوض")]
    [InlineData("بالبراميل", "براميل")]
    [InlineData("للاجئين", "اجئ")]
    [InlineData("المتفجرة", "متفجر")]
    public void Stems_with_light10_prefixes_and_suffixes(string word, string stem) =>
        Assert.Equal(stem, TextAnalyzer.Analyze(word).Tokens[0].Stem);

    [Fact]
    public void Same_word_gives_same_token_across_calls()
    {
        var a = TextAnalyzer.Analyze("حلب").Tokens[0];
        var b = TextAnalyzer.Analyze("في حلب").Tokens[1];
        Assert.Equal((a.Text, a.Normalized, a.Stem, a.Kind, a.IsStopWord, a.Length), (b.Text, b.Normalized, b.Stem, b.Kind, b.IsStopWord, b.Length));
        Assert.Equal(3, b.Start);
    }
}
