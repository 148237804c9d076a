using Monitor.Benchmarks.Scenarios;
using Monitor.Benchmarks.Scenarios.Dedup;

namespace Monitor.Benchmarks.Workload;

/// <summary>
/// Arabic articles at any scale, deterministic by seed: distinct statements (a templated headline, opening and closing
/// with their own place, actor, event and numbers around 3–6 sentences drawn from the seed texts and the Arabic news
/// sentences in shared/corpus) and, for a share of
/// the articles, a republication of a recent statement in one of the ways the dedup evaluation generates (own headline
/// and intro, "اقرأ أيضا", a cut sentence, reordering, dropped hamzas, diacritics, extraction garbage, quoted in a
/// report). Articles are produced lazily, so a million of them never sit in memory at once.
/// </summary>
public sealed class ArticleWorkload
{
    private readonly List<string> _sentences;
    private readonly RepublicationGenerator _republisher;
    private readonly double _republishShare;

    public ArticleWorkload(double republishShare = 0.3)
    {
        _republishShare = republishShare;
        // The seeds alone give 66 sentences: bodies drawn from so few would share whole sentences far more often than
        // real statements do (and flood the candidate lookup). The ANS headlines and SIB-200 sentences in
        // shared/corpus/arabic-news widen the pool to a few thousand real Arabic news sentences.
        var seeds = SeedCorpus.Load()
            .SelectMany(t => t.Split(['.', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(s => s.Length >= 40)
            .Select(s => s + ".");
        var sib = new[] { "train.tsv", "dev.tsv", "test.tsv" }
            .SelectMany(f => File.ReadLines(EvalPaths.Corpus("arabic-news", "sib200_arb_Arab", f)).Skip(1))
            .Select(l => l.Split('\t')).Where(c => c.Length == 3).Select(c => c[2].Trim());
        var ans = new[] { "train.csv", "dev.csv", "test.csv" }
            .SelectMany(f => File.ReadLines(EvalPaths.Corpus("arabic-news", "ans", "claim", f)).Skip(1))
            .Select(l => l[..Math.Max(0, l.LastIndexOf(','))].Trim('"', ' ')).Where(l => l.Length >= 25).Select(l => l + ".");
        _sentences = seeds.Concat(sib).Concat(ans).Distinct(StringComparer.Ordinal).ToList();
        _republisher = new RepublicationGenerator(EvalCorpus.Framing());
    }

    /// <summary>How many distinct seed sentences feed the bodies.</summary>
    public int SentencePool => _sentences.Count;

    /// <summary>
    /// <paramref name="count"/> articles published <paramref name="spacing"/> apart from <paramref name="start"/>;
    /// article numbers start at <paramref name="firstNumber"/> (so guids and links stay unique across calls).
    /// </summary>
    public IEnumerable<GeneratedArticle> Generate(int count, int seed, DateTimeOffset start, TimeSpan spacing, long firstNumber = 0)
    {
        var rng = new Random(seed);
        var recent = new List<(int Id, EvalStatement Statement)>();
        var statementId = (int)(firstNumber % int.MaxValue);
        for (long n = 0; n < count; n++)
        {
            var number = firstNumber + n;
            var published = start + spacing * n;
            string variant, title, text;
            int id;
            if (recent.Count > 0 && rng.NextDouble() < _republishShare)
            {
                var (originalId, statement) = recent[rng.Next(recent.Count)];
                // Kind 0 is the original itself: republications are kinds 1..9.
                var kind = 1 + rng.Next(RepublicationGenerator.Kinds.Length - 1);
                (variant, title, text) = _republisher.Variants(statement, rng.Next()).ElementAt(kind);
                id = originalId;
            }
            else
            {
                var statement = NewStatement(rng, ++statementId);
                recent.Add((statementId, statement));
                if (recent.Count > 64) recent.RemoveAt(0);
                (variant, title, text) = ("original", statement.Title, string.Join("\n\n", statement.Paragraphs));
                id = statementId;
            }
            yield return new GeneratedArticle(number, id, variant, title, text, $"urn:bench:{number}",
                $"https://news{number % 50}.example/{number}", published);
        }
    }

    private EvalStatement NewStatement(Random rng, int id)
    {
        var place = ArticleTemplates.Places[rng.Next(ArticleTemplates.Places.Length)];
        var actor = ArticleTemplates.Actors[rng.Next(ArticleTemplates.Actors.Length)];
        var evt = ArticleTemplates.Events[rng.Next(ArticleTemplates.Events.Length)];
        string Fill(string[] templates) => ArticleTemplates.Fill(templates[rng.Next(templates.Length)], rng, place, actor, evt);

        var paragraphs = new List<string> { Fill(ArticleTemplates.Openings) };
        var body = 3 + rng.Next(4);
        for (var i = 0; i < body; i += 3)
            paragraphs.Add(string.Join(' ', Enumerable.Range(0, Math.Min(3, body - i)).Select(_ => _sentences[rng.Next(_sentences.Count)])));
        paragraphs.Add(Fill(ArticleTemplates.Closings));
        return new EvalStatement($"bench-{id}", Fill(ArticleTemplates.Titles), paragraphs, "generated");
    }
}
