using System.Text;

namespace Monitor.Core.Text;

/// <summary>Folds the spelling variation of Arabic text so that the same word compares equal.</summary>
public static class ArabicNormalizer
{
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            switch (c)
            {
                case 'أ' or 'إ' or 'آ' or 'ٱ': sb.Append('ا'); break;
                case 'ى': sb.Append('ي'); break;
                case 'ة': sb.Append('ه'); break;
                case 'ی': sb.Append('ي'); break;
                case 'ک': sb.Append('ك'); break;
                case 'ـ': break;
                case >= '\u064B' and <= '\u065F': break;
                case '\u0670': break;
                case >= '\u0660' and <= '\u0669': sb.Append((char)('0' + (c - '\u0660'))); break;
                case >= '\u06F0' and <= '\u06F9': sb.Append((char)('0' + (c - '\u06F0'))); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
