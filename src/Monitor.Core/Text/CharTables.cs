using System.Globalization;
using System.Text;

namespace Monitor.Core.Text;

/// <summary>How the tokeniser treats a character.</summary>
internal enum CharClass : byte { Separator = 0, ArabicLetter = 1, OtherLetter = 2, Digit = 3, Joiner = 4 }

/// <summary>
/// Lookup tables over the whole BMP, built once: <see cref="Fold"/> (the normalised replacement of each character,
/// or <see cref="Delete"/>) and <see cref="Flags"/> (its token class, plus a bit for "NFKC would change it").
/// Tables make normalisation one array read per character instead of a chain of range tests.
/// </summary>
internal static class CharTables
{
    public const char Delete = '\uFFFF';
    public const byte ClassMask = 0x07;
    public const byte CompatBit = 0x08;

    public static readonly char[] Fold = BuildFold();
    public static readonly byte[] Flags = BuildFlags(Fold);

    public static CharClass ClassOf(char c) => (CharClass)(Flags[c] & ClassMask);

    private static bool IsArabicBlock(int c) =>
        c is >= 0x0600 and <= 0x06FF or >= 0x0750 and <= 0x077F or >= 0x08A0 and <= 0x08FF
            or >= 0xFB50 and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF;

    private static char[] BuildFold()
    {
        var t = new char[65536];
        for (var i = 0; i < t.Length; i++)
        {
            var c = (char)i;
            var cat = char.GetUnicodeCategory(c);
            t[i] = cat switch
            {
                UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter => char.ToLowerInvariant(c),
                UnicodeCategory.SpaceSeparator => ' ',
                // Bidi controls, zero-width (non-)joiners, word joiner, BOM, soft hyphen, Arabic number signs.
                UnicodeCategory.Format => Delete,
                UnicodeCategory.DecimalDigitNumber => (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c)),
                // Harakat, Quranic annotation marks, dagger alef and the other combining marks of the Arabic blocks.
                UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                    when IsArabicBlock(i) => Delete,
                _ => c,
            };
        }
        t['\u0640'] = Delete;                      // tatweel
        t['\u06E5'] = Delete; t['\u06E6'] = Delete; // small waw / small yeh (Quranic)
        Map(t, "آأإٱٲٳٵ", 'ا');
        Map(t, "ىیۍێېۑےؽؾؿ", 'ي');
        Map(t, "ةۃەۀہۂھۿ", 'ه');
        Map(t, "کڪګڬڭڮگڰڱڲڳڴػؼ", 'ك');
        Map(t, "ٮٻپڀ", 'ب'); Map(t, "ٹٺټٿ", 'ت'); Map(t, "ٽ", 'ث');
        Map(t, "ځڂڅ", 'خ'); Map(t, "ڃڄچڇڿ", 'ج'); Map(t, "ڈډڊڋڌڍڎڏڐۮ", 'د');
        Map(t, "ڑڒړڔڕږۯ", 'ر'); Map(t, "ڗژڙ", 'ز'); Map(t, "ښڛ", 'س'); Map(t, "ڜۺ", 'ش');
        Map(t, "ڝۻ", 'ص'); Map(t, "ڞۼ", 'ض'); Map(t, "ڟ", 'ظ'); Map(t, "ڠ", 'غ');
        Map(t, "ڡڢڣڤڥڦ", 'ف'); Map(t, "ٯڧڨ", 'ق'); Map(t, "ڵڶڷڸ", 'ل'); Map(t, "ڹںڻڼڽ", 'ن');
        Map(t, "ٶٷۄۅۆۇۈۉۊۋۏ", 'و'); Map(t, "ٸۓ", 'ئ'); Map(t, "۾", 'م'); Map(t, "۽", 'ء');
        // Arabic punctuation to its ASCII counterpart, so ", ; ?" split and compare the same way in both scripts.
        t['\u060C'] = ','; t['\u060D'] = ','; t['\u061B'] = ';'; t['\u061F'] = '?';
        t['\u066A'] = '%'; t['\u066B'] = '.'; t['\u066C'] = ','; t['\u066D'] = '*'; t['\u06D4'] = '.';
        return t;
    }

    private static void Map(char[] t, string from, char to)
    {
        foreach (var c in from) t[c] = to;
    }

    private static byte[] BuildFlags(char[] fold)
    {
        var f = new byte[65536];
        for (var i = 0; i < f.Length; i++)
        {
            var c = (char)i;
            var cls = char.GetUnicodeCategory(c) switch
            {
                UnicodeCategory.DecimalDigitNumber => CharClass.Digit,
                UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                    => IsArabicBlock(i) ? CharClass.ArabicLetter : CharClass.OtherLetter,
                UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                    or UnicodeCategory.Format => CharClass.Joiner,
                UnicodeCategory.Surrogate => CharClass.OtherLetter,
                _ => CharClass.Separator,
            };
            f[i] = (byte)cls;
            if (NeedsNfkc(c, fold)) f[i] |= CompatBit;
        }
        return f;
    }

    /// <summary>Characters our own table does not already fold but NFKC would (ligatures, presentation forms, ...).</summary>
    private static bool NeedsNfkc(char c, char[] fold)
    {
        if (char.IsSurrogate(c)) return true; // e.g. mathematical digits 𝟙; decided per pair by NFKC itself
        if (fold[c] != c || c < 0x00A0) return false;
        if (c is not (>= '\u00A0' and <= '\u00FF' or >= '\u2000' and <= '\u33FF' or >= '\uFB00' and <= '\uFFEF')) return false;
        var s = c.ToString();
        return s.IsNormalized(NormalizationForm.FormKC) is false;
    }
}
