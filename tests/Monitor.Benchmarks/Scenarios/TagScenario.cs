using System.Diagnostics;
using Monitor.Core.Tagging;
using Monitor.Core.Text;

namespace Monitor.Benchmarks.Scenarios;

/// <summary>
/// Tagging cost as the rule set grows: articles/s with 10, 1,000 and 10,000 generated terms (deterministic by seed),
/// over pre-analysed seed paragraphs. The matcher should barely slow down: the goal is 10k/10 within 1.5x.
/// </summary>
public sealed class TagScenario : IScenario
{
    public string Name => "tag";
    public string Description => "Tagging articles/s with 10, 1,000, 10,000 generated terms; reports the 10k/10 time ratio [--articles N]";

    public Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var articleCount = AnalyzeScenario.ArgValue(args, "--articles", 2000);
        var texts = SeedCorpus.Articles(articleCount, seed: 7);
        var articles = texts.Select(TextAnalyzer.Analyze).ToList();
        var vocabulary = articles.SelectMany(a => a.Tokens).Where(t => t.Kind == TokenKind.Arabic && !t.IsStopWord)
            .Select(t => t.Normalized).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var results = new List<object>();
        Console.WriteLine($"tag: {articles.Count} articles, vocabulary {vocabulary.Count} words");
        Console.WriteLine($"  {"terms",8} {"compiled",9} {"articles/s",12} {"tags/article",13} {"vs 10",7}");
        var sizes = new[] { 10, 1_000, 10_000 };
        var matchers = sizes.Select(n => TagMatcher.Compile(Generate(n, vocabulary, seed: 2024))).ToList();
        foreach (var m in matchers) Run(m, articles); // warm-up: JIT and tiering settle before any timing
        var best = sizes.Select(_ => double.MaxValue).ToArray();
        var tagCounts = new long[sizes.Length];
        for (var round = 0; round < 7 && !ct.IsCancellationRequested; round++)
            for (var k = 0; k < sizes.Length; k++) // interleaved, so machine noise hits every size alike
            {
                var sw = Stopwatch.StartNew();
                tagCounts[k] = Run(matchers[k], articles);
                best[k] = Math.Min(best[k], sw.Elapsed.TotalSeconds);
            }
        for (var k = 0; k < sizes.Length; k++)
        {
            var perSecond = articles.Count / best[k];
            var ratio = best[k] / best[0];
            var tagsPer = tagCounts[k] / (double)articles.Count;
            Console.WriteLine($"  {sizes[k],8} {matchers[k].TermCount,9} {perSecond,12:F0} {tagsPer,13:F1} {ratio,7:F2}x");
            results.Add(new { terms = sizes[k], compiled = matchers[k].TermCount, articlesPerSecond = perSecond, tagsPerArticle = tagsPer, ratioTo10 = ratio });
        }
        Console.WriteLine($"  written {ScenarioRunner.WriteJson(Name, results)}");
        return Task.FromResult(0);
    }

    private static long Run(TagMatcher matcher, List<AnalyzedText> articles)
    {
        long tags = 0;
        foreach (var a in articles) tags += matcher.Match(TextAnalyzer.Empty, a).Count;
        return tags;
    }

    /// <summary>
    /// A rule set of <paramref name="terms"/> phrases. The same ten real words of the corpus are in every set (five
    /// watch entries, five topic terms), so the tags per article stay comparable; the rest are invented Arabic words
    /// and two-word phrases (the shape of a real list of names) that rarely occur, split over watch entries and
    /// topics of ten terms each. What grows is only the rule set the matcher must search.
    /// </summary>
    internal static TaggingOptions Generate(int terms, IReadOnlyList<string> vocabulary, int seed)
    {
        var rng = new Random(seed);
        const string letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي";
        string Invented() => new(Enumerable.Range(0, 5 + rng.Next(4)).Select(_ => letters[rng.Next(letters.Length)]).ToArray());
        var real = Enumerable.Range(0, 10).Select(i => vocabulary[(i * 97 + 13) % vocabulary.Count]).ToList();
        var seen = new HashSet<string>(real, StringComparer.Ordinal);
        var filler = new List<string>();
        while (seen.Count < terms)
        {
            var phrase = rng.Next(3) == 0 ? Invented() + " " + Invented() : Invented();
            if (seen.Add(phrase)) filler.Add(phrase);
        }
        var all = real.Take(Math.Min(10, terms)).Concat(filler).ToList();
        var entries = all.Where((_, i) => i % 2 == 0)
            .Select((p, i) => new WatchEntryOptions { Name = p, Match = i % 2 == 0 ? "name" : "keyword" }).ToList();
        var topicTerms = all.Where((_, i) => i % 2 == 1).ToList();
        var o = new TaggingOptions { WatchLists = [new WatchListOptions { Name = "generated", Kind = "other", Entries = entries }] };
        for (var t = 0; t * 10 < topicTerms.Count; t++)
            o.Topics.Add(new TopicOptions { Id = $"t{t}", Name = $"t{t}", Any = topicTerms.Skip(t * 10).Take(10).ToList() });
        return o;
    }
}
