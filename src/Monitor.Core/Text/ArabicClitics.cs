namespace Monitor.Core.Text;

/// <summary>
/// The proclitic readings of a normalised Arabic word: conjunction (و ف), then preposition (ب ل ك), then article (ال),
/// or ل with the article contracted (لل). Each reading says where the remaining word starts and whether an article
/// was removed, so a name written with its article (الأسد) is found in بالأسد and للأسد but not in أسد.
/// </summary>
public static class ArabicClitics
{
    /// <summary>The remaining word must keep at least this many letters, so short names are not eaten away.</summary>
    public const int MinRemaining = 2;

    /// <summary>
    /// Writes the readings of <paramref name="word"/> into <paramref name="readings"/> (room for 16) and returns how
    /// many. Reading 0 is always the whole word with no article removed.
    /// </summary>
    public static int Readings(ReadOnlySpan<char> word, Span<CliticReading> readings)
    {
        var count = 0;
        readings[count++] = new CliticReading(0, false);
        for (var conj = 0; conj <= 1; conj++)
        {
            if (conj == 1 && !(word.Length > 0 && word[0] is 'و' or 'ف')) break;
            var afterConj = conj;
            if (conj == 1) count = AddIfRoom(word, afterConj, false, readings, count);
            // Preposition, optionally followed by the article; or لل (ل + contracted article).
            if (afterConj < word.Length && word[afterConj] is 'ب' or 'ل' or 'ك')
            {
                count = AddIfRoom(word, afterConj + 1, false, readings, count);
                if (word[afterConj] == 'ل' && afterConj + 1 < word.Length && word[afterConj + 1] == 'ل')
                    count = AddIfRoom(word, afterConj + 2, true, readings, count);
                else if (word[(afterConj + 1)..].StartsWith("ال", StringComparison.Ordinal))
                    count = AddIfRoom(word, afterConj + 3, true, readings, count);
            }
            if (word[afterConj..].StartsWith("ال", StringComparison.Ordinal))
                count = AddIfRoom(word, afterConj + 2, true, readings, count);
        }
        return count;
    }

    private static int AddIfRoom(ReadOnlySpan<char> word, int start, bool article, Span<CliticReading> readings, int count)
    {
        if (word.Length - start < MinRemaining || count >= readings.Length) return count;
        readings[count] = new CliticReading(start, article);
        return count + 1;
    }
}

/// <summary>One way of reading a word's proclitics: the word proper starts at <see cref="Start"/>.</summary>
public readonly record struct CliticReading(int Start, bool ArticleRemoved);
