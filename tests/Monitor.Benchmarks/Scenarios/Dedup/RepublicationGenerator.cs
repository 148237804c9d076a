using System.Text;

namespace Monitor.Benchmarks.Scenarios.Dedup;

/// <summary>
/// Republishes each statement the ways issue 5 lists, deterministically (one seeded <see cref="Random"/> per statement):
/// own headline and intro, an "اقرأ أيضا" line, a sentence cut, paragraphs reordered, hamzas dropped, diacritics added,
/// extraction garbage, quoted whole inside a longer report, and a copy combining several of these.
/// </summary>
public sealed class RepublicationGenerator(Sections framing)
{
    public static readonly string[] Kinds =
    [
        "original", "headline-intro", "read-also", "sentence-cut", "reordered", "hamza-dropped",
        "diacritics", "extraction-garbage", "quoted-in-report", "combined",
    ];

    public IEnumerable<(string Variant, string Title, string Text)> Variants(EvalStatement s, int seed)
    {
        var rng = new Random(seed);
        var p = s.Paragraphs.ToList();
        yield return ("original", s.Title, Join(p));
        yield return ("headline-intro", Headline(s, rng), Join([Pick("intro", rng), .. p]));
        yield return ("read-also", s.Title, Join([.. p, Pick("readalso", rng), Pick("credit", rng)]));
        yield return ("sentence-cut", s.Title, Join(CutSentence(p, rng)));
        yield return ("reordered", s.Title, Join(Reorder(p, rng)));
        yield return ("hamza-dropped", DropHamzas(s.Title, rng), DropHamzas(Join(p), rng));
        yield return ("diacritics", s.Title, AddDiacritics(Join(p), rng));
        yield return ("extraction-garbage", Garble(s.Title, rng, 0.3), Garble(Join(p), rng, 1.0));
        yield return ("quoted-in-report", Headline(s, rng), Join([Pick("report", rng), Pick("intro", rng), .. p, Pick("report", rng), Pick("report", rng), Pick("report", rng)]));
        yield return ("combined", Headline(s, rng), DropHamzas(Join([Pick("byline", rng), Pick("intro", rng), .. CutSentence(p, rng), Pick("readalso", rng)]), rng));
    }

    private string Headline(EvalStatement s, Random rng) => string.Format(Pick("headline", rng), s.Title);

    private string Pick(string name, Random rng)
    {
        var options = framing.Named(name);
        return options[rng.Next(options.Count)];
    }

    private static string Join(IEnumerable<string> paragraphs) => string.Join("\n\n", paragraphs);

    /// <summary>Drops one sentence (not the first): outlets trim the end or a middle sentence.</summary>
    private static List<string> CutSentence(List<string> paragraphs, Random rng)
    {
        var sentences = paragraphs.SelectMany((para, i) => SplitSentences(para).Select(x => (i, x))).ToList();
        if (sentences.Count < 3) return paragraphs;
        var drop = 1 + rng.Next(sentences.Count - 1);
        return sentences.Where((_, k) => k != drop).GroupBy(t => t.i).Select(g => string.Join(' ', g.Select(t => t.x))).ToList();
    }

    private static IEnumerable<string> SplitSentences(string paragraph)
    {
        var start = 0;
        for (var i = 0; i < paragraph.Length; i++)
            if (paragraph[i] is '.' or '؟' or '!' && (i + 1 == paragraph.Length || paragraph[i + 1] == ' '))
            {
                yield return paragraph[start..(i + 1)].Trim();
                start = i + 1;
            }
        if (start < paragraph.Length && paragraph[start..].Trim().Length > 0) yield return paragraph[start..].Trim();
    }

    /// <summary>Swaps two paragraphs, or the two halves of the sentences when the text has one paragraph.</summary>
    private static List<string> Reorder(List<string> paragraphs, Random rng)
    {
        if (paragraphs.Count >= 2)
        {
            var r = paragraphs.ToList();
            var i = rng.Next(r.Count - 1);
            (r[i], r[i + 1]) = (r[i + 1], r[i]);
            return r;
        }
        var sentences = SplitSentences(paragraphs[0]).ToList();
        var half = sentences.Count / 2;
        return [string.Join(' ', sentences.Skip(half)), string.Join(' ', sentences.Take(half))];
    }

    private static string DropHamzas(string text, Random rng)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            sb.Append(c switch
            {
                'أ' or 'إ' or 'آ' when rng.NextDouble() < 0.9 => 'ا',
                'ة' when rng.NextDouble() < 0.5 => 'ه',
                'ى' when rng.NextDouble() < 0.7 => 'ي',
                'ئ' when rng.NextDouble() < 0.3 => 'ي',
                _ => c,
            });
        return sb.ToString();
    }

    private static readonly char[] Harakat = ['\u064E', '\u064F', '\u0650', '\u0651', '\u0652', '\u064B'];

    private static string AddDiacritics(string text, Random rng)
    {
        var sb = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            sb.Append(c);
            if (c is >= 'ب' and <= 'ي' && rng.NextDouble() < 0.35) sb.Append(Harakat[rng.Next(Harakat.Length)]);
        }
        return sb.ToString();
    }

    // Letters that PDF/OCR extraction confuses (dots lost or merged), as in seed 003's garbled copy (الانتلاف, الدرائع).
    private static readonly Dictionary<char, char> Confused = new()
    {
        ['ئ'] = 'ن', ['ذ'] = 'د', ['ز'] = 'ر', ['ظ'] = 'ط', ['ض'] = 'ص', ['ق'] = 'ف', ['ت'] = 'ث', ['خ'] = 'ح', ['ش'] = 'س',
    };

    /// <summary>Confuses letters, glues and splits words, and repeats a fragment (the duplicated clause of seed 003).</summary>
    private static string Garble(string text, Random rng, double strength)
    {
        var sb = new StringBuilder(text.Length + 64);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var roll = rng.NextDouble() / strength;
            if (Confused.TryGetValue(c, out var other) && roll < 0.25) sb.Append(other);
            else if (c == ' ' && roll < 0.02) { }
            else if (c is >= 'ا' and <= 'ي' && roll < 0.006) sb.Append(c).Append(' ');
            else sb.Append(c);
        }
        var s = sb.ToString();
        if (strength >= 1 && s.Length > 200)
        {
            var at = rng.Next(s.Length / 2);
            var fragment = s.Substring(at, 60);
            s = s.Insert(at + 100, " " + fragment + " ");
        }
        return s;
    }
}
