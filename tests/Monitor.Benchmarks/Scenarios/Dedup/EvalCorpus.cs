namespace Monitor.Benchmarks.Scenarios.Dedup;

/// <summary>One distinct statement of the evaluation set: a label, a title and its paragraphs.</summary>
public sealed record EvalStatement(string Label, string Title, IReadOnlyList<string> Paragraphs, string Origin);

/// <summary>One item as a source published it, labelled with the statement it carries.</summary>
public sealed record EvalItem(int Id, string Label, string Variant, string Title, string Text);

/// <summary>
/// Loads the distinct statements: the hand-written ones (DedupEval/statements.txt, with the coalition's boilerplate
/// attached), the seed texts, and same-topic "politics" articles assembled from SIB-200 sentences (real MSA, each
/// sentence used once, so the articles are distinct; half carry the closing boilerplate too).
/// </summary>
public static class EvalCorpus
{
    public static string DataFolder => Path.Combine(AppContext.BaseDirectory, "DedupEval");

    public static Sections Framing() => Sections.Load(Path.Combine(DataFolder, "framing.txt"));
    public static Sections BoilerplateText() => Sections.Load(Path.Combine(DataFolder, "boilerplate.txt"));

    public static IReadOnlyList<EvalStatement> Statements(int sibArticles = 22)
    {
        var boiler = BoilerplateText();
        var list = new List<EvalStatement>();
        var handWritten = Sections.Load(Path.Combine(DataFolder, "statements.txt"));
        var n = 0;
        foreach (var (head, body) in handWritten.All)
        {
            var parts = head.Split('|', 2, StringSplitOptions.TrimEntries);
            var paragraphs = Paragraphs(body).ToList();
            if (n % 2 == 0) paragraphs.Insert(0, boiler.Get("opening", 0));
            paragraphs.Add(boiler.Get("closing", n % 3 == 2 ? 1 : 0));
            list.Add(new EvalStatement(parts[0], parts[1], paragraphs, "hand-written"));
            n++;
        }
        list.AddRange(Seeds(boiler));
        list.AddRange(SibArticles(boiler, sibArticles));
        return list;
    }

    /// <summary>Seeds 000..004; 003 is split: its second half is the coalition's statement (the original), its first half
    /// the same statement as a garbled, reworded news copy (added by the generator as a variant).</summary>
    private static IEnumerable<EvalStatement> Seeds(Sections boiler)
    {
        var seeds = Directory.GetFiles(EvalPaths.Seeds, "*.txt").Order(StringComparer.Ordinal).ToList();
        foreach (var file in seeds)
        {
            var name = "seed-" + Path.GetFileName(file)[..3];
            var text = File.ReadAllText(file);
            if (name == "seed-003")
            {
                var at = text.IndexOf("تصريح صحفي", StringComparison.Ordinal);
                var official = text[at..];
                yield return new EvalStatement(name, "محاولات مفضوحة للنظام وروسيا بهدف تقويض اتفاق إدلب", Paragraphs(official).ToList(), "seed");
                continue;
            }
            var paragraphs = Paragraphs(text).ToList();
            var title = paragraphs[0].Length < 120 ? paragraphs[0] : string.Join(' ', paragraphs[0].Split(' ').Take(10));
            if (paragraphs[0].Length < 120) paragraphs.RemoveAt(0);
            yield return new EvalStatement(name, title, paragraphs, "seed");
        }
    }

    /// <summary>The first half of seed 003: the same statement, garbled and reworded by a republisher.</summary>
    public static (string Title, string Text) Seed003GarbledCopy()
    {
        var file = Directory.GetFiles(EvalPaths.Seeds, "003_*.txt").Single();
        var text = File.ReadAllText(file);
        var at = text.IndexOf("تصريح صحفي", StringComparison.Ordinal);
        var copy = text[..at];
        var firstBreak = copy.IndexOf('\n');
        return (copy[..firstBreak], copy[(firstBreak + 1)..]);
    }

    private static IEnumerable<EvalStatement> SibArticles(Sections boiler, int count)
    {
        var sentences = new List<string>();
        foreach (var split in new[] { "train.tsv", "dev.tsv", "test.tsv" })
            foreach (var line in File.ReadLines(EvalPaths.Corpus("arabic-news", "sib200_arb_Arab", split)).Skip(1))
            {
                var cols = line.Split('\t');
                if (cols.Length == 3 && cols[1] == "politics") sentences.Add(cols[2]);
            }
        const int perArticle = 6;
        for (var a = 0; a < count && (a + 1) * perArticle <= sentences.Count; a++)
        {
            var chunk = sentences.Skip(a * perArticle).Take(perArticle).ToList();
            var paragraphs = new List<string> { string.Join(' ', chunk.Take(3)), string.Join(' ', chunk.Skip(3)) };
            if (a % 2 == 0) paragraphs.Add(boiler.Get("closing", 0));
            var title = string.Join(' ', chunk[0].Split(' ').Take(8));
            yield return new EvalStatement($"sib-politics-{a:00}", title, paragraphs, "sib-200");
        }
    }

    public static IEnumerable<string> Paragraphs(string body) =>
        body.Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0);
}
