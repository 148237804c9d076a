using Monitor.Core.Text;

namespace Monitor.Core.Tests.Text;

/// <summary>Each folding rule on its own: the same word must compare equal however it was typed or pasted.</summary>
public sealed class ArabicNormalizerTests
{
    [Theory]
    [InlineData("أحمد", "احمد")]
    [InlineData("إدلب", "ادلب")]
    [InlineData("آمنة", "امنه")]
    [InlineData("ٱلله", "الله")]
    public void Folds_alef_forms_to_bare_alef(string input, string expected) => Assert.Equal(expected, ArabicNormalizer.Normalize(input));

    [Fact] public void Folds_alef_maqsura_to_yeh() => Assert.Equal("الي", ArabicNormalizer.Normalize("إلى"));
    [Fact] public void Writes_ta_marbuta_as_ha() => Assert.Equal(ArabicNormalizer.Normalize("حماه"), ArabicNormalizer.Normalize("حماة"));
    [Fact] public void Folds_persian_yeh_and_keheh() => Assert.Equal("كيري", ArabicNormalizer.Normalize("کیری"));
    [Fact] public void Folds_persian_letters_to_nearest_arabic() => Assert.Equal("بوتين", ArabicNormalizer.Normalize("پوتین"));
    [Fact] public void Removes_harakat_shadda_and_sukun() => Assert.Equal("العربيه", ArabicNormalizer.Normalize("الْعَرَبِيَّةُ"));
    [Fact] public void Removes_dagger_alef_and_quranic_marks() => Assert.Equal("الرحمن", ArabicNormalizer.Normalize("الرحمنٰ\u06D6"));
    [Fact] public void Removes_tatweel() => Assert.Equal("درعا", ArabicNormalizer.Normalize("درعــــا"));
    [Fact] public void Removes_bidi_and_zero_width_marks() => Assert.Equal("حلب", ArabicNormalizer.Normalize("\u200Fح\u200Cل\u200Dب\u202C\uFEFF"));
    [Fact] public void Folds_presentation_forms_from_pdfs() => Assert.Equal("لا حلب", ArabicNormalizer.Normalize("\uFEFB \uFEA3\uFEE0\uFE8F"));
    [Fact] public void Folds_arabic_indic_and_persian_digits() => Assert.Equal("2024 1403", ArabicNormalizer.Normalize("٢٠٢٤ ۱۴۰۳"));
    [Fact] public void Maps_arabic_punctuation_to_ascii() => Assert.Equal("حلب, درعا; لماذا?", ArabicNormalizer.Normalize("حلب، درعا؛ لماذا؟"));
    [Fact] public void Lower_cases_latin() => Assert.Equal("isis and hts", ArabicNormalizer.Normalize("ISIS and HTS"));
    [Fact] public void Turns_no_break_space_into_space() => Assert.Equal("مجلس الامن", ArabicNormalizer.Normalize("مجلس\u00A0الأمن"));
    [Fact] public void Keeps_hamza_on_waw_and_yeh() => Assert.Equal("سؤال رئيس", ArabicNormalizer.Normalize("سؤال رئيس"));
    [Fact] public void Returns_clean_text_unchanged() => Assert.Equal("hello 123", ArabicNormalizer.Normalize("hello 123"));
    [Fact] public void Empty_stays_empty() => Assert.Equal("", ArabicNormalizer.Normalize(""));
}
