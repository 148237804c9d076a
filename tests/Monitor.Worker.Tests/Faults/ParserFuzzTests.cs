using System.Diagnostics;
using System.Text;
using Monitor.Core.Feeds;
using Monitor.Tests.Support;
using Xunit.Abstractions;

namespace Monitor.Worker.Tests.Faults;

/// <summary>
/// The risk: some byte sequence a real server sends one day makes the parser throw (killing the poll), hang (holding a
/// worker forever) or allocate without bound. Thousands of real feeds from the peers' corpora are mutated — byte flips,
/// truncation, deleted tags, injected entities and DOCTYPEs, swapped encoding declarations, duplicated chunks — and
/// each must come back as a <see cref="ParseResult"/> (a document or a failure value) within a time bound and an
/// allocation bound. The seed is fixed and printed; set FAULT_FUZZ_SEED to explore others.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "Fault")]
public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    private const int Mutations = 3000;
    private static readonly TimeSpan ParseBound = TimeSpan.FromSeconds(2);

    private static readonly string[] Injections =
    [
        "&xxe;", "&#0;", "&#xFFFF;", "&amp;amp;amp;", "&lt;script&gt;alert(1)&lt;/script&gt;", "<![CDATA[", "]]>",
        "<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>",
        "<!DOCTYPE rss SYSTEM \"file:///etc/passwd\">", "<!ENTITY x SYSTEM \"http://127.0.0.1/\">", "&b;",
        "<script>alert(1)</script>", "\u0000", "\uFEFF", "\uD800", "<item>", "</item>", "<entry>", "</channel>", "xmlns:x=\"",
    ];

    private static readonly string[] Encodings = ["utf-8", "windows-1256", "iso-8859-1", "utf-16", "utf-32", "shift_jis", "x-bogus", ""];

    [Fact]
    public async Task Mutated_real_feeds_always_return_a_parse_result_in_bounded_time_and_memory()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FAULT_FUZZ_SEED"), out var s) ? s : 20261122;
        output.WriteLine($"fuzz seed {seed} (FAULT_FUZZ_SEED to change), {Mutations} mutations");
        var random = new Random(seed);
        var corpus = Directory.EnumerateFiles(TestPaths.Corpus("feeds"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".xml", StringComparison.Ordinal) || f.EndsWith(".rss", StringComparison.Ordinal) || f.EndsWith(".atom", StringComparison.Ordinal))
            .Where(f => new FileInfo(f).Length is > 0 and < 64 * 1024)
            .Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        Assert.True(corpus.Count > 100, $"only {corpus.Count} corpus feeds found");

        int succeeded = 0, failedAsValue = 0;
        double worstMs = 0, worstRatio = 0;
        var problems = new List<string>();
        for (var i = 0; i < Mutations && problems.Count < 5; i++)
        {
            var original = corpus[random.Next(corpus.Count)];
            var (kind, mutated) = Mutate(original, random);
            var options = new FeedParseOptions { BaseUri = new Uri("http://feed.example/"), FetchedAt = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero), ContentType = random.Next(3) == 0 ? "application/rss+xml; charset=iso-8859-1" : null };
            var parse = Task.Run(() =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                var result = FeedParser.Parse(mutated, options);
                return (result, watch.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
            });
            try
            {
                var (result, elapsed, allocated) = await parse.WaitAsync(ParseBound);
                if (result.IsSuccess) succeeded++; else failedAsValue++;
                worstMs = Math.Max(worstMs, elapsed.TotalMilliseconds);
                var ratio = (double)allocated / Math.Max(1, mutated.Length);
                worstRatio = Math.Max(worstRatio, ratio);
                if (allocated > 200L * mutated.Length + 16 * 1024 * 1024)
                    problems.Add($"mutation {i} ({kind}): {allocated:N0} bytes allocated for {mutated.Length:N0} input bytes");
            }
            catch (TimeoutException)
            {
                problems.Add($"mutation {i} ({kind}): parse did not finish in {ParseBound.TotalSeconds} s");
            }
            catch (Exception ex)
            {
                problems.Add($"mutation {i} ({kind}): {ex.GetType().Name} escaped: {ex.Message}");
            }
        }

        output.WriteLine($"{succeeded} parsed, {failedAsValue} refused as a ParseResult failure, slowest {worstMs:0} ms, most allocation {worstRatio:0}× input");
        FaultLedger.Fuzzed(succeeded + failedAsValue);
        Assert.True(problems.Count == 0, $"seed {seed}:\n" + string.Join("\n", problems));
    }

    private static (string Kind, byte[] Bytes) Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(7))
        {
            case 0:
                for (var n = random.Next(1, 20); n > 0; n--) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return ("byte flips", bytes);
            case 1:
                return ("truncation", bytes[..random.Next(bytes.Length)]);
            case 2:
                return ("tag deletion", DeleteTags(bytes, random));
            case 3:
                return ("entity injection", Insert(bytes, Encoding.UTF8.GetBytes(Injections[random.Next(Injections.Length)]), random));
            case 4:
                return ("encoding swap", SwapEncoding(bytes, random));
            case 5:
                var start = random.Next(bytes.Length);
                var chunk = bytes[start..Math.Min(bytes.Length, start + random.Next(1, 4096))];
                return ("duplicated chunk", [.. bytes[..start], .. Enumerable.Repeat(chunk, random.Next(2, 50)).SelectMany(c => c), .. bytes[start..]]);
            default:
                var noise = new byte[random.Next(1, 64)];
                random.NextBytes(noise);
                return ("random bytes", Insert(bytes, noise, random));
        }
    }

    private static byte[] DeleteTags(byte[] bytes, Random random)
    {
        var text = Encoding.Latin1.GetString(bytes);
        for (var n = random.Next(1, 6); n > 0; n--)
        {
            var open = text.IndexOf('<', random.Next(text.Length + 1));
            if (open < 0) break;
            var close = text.IndexOf('>', open);
            text = close < 0 ? text[..open] : text.Remove(open, close - open + 1);
            if (text.Length == 0) break;
        }
        return Encoding.Latin1.GetBytes(text);
    }

    private static byte[] SwapEncoding(byte[] bytes, Random random)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var encoding = Encodings[random.Next(Encodings.Length)];
        var at = text.IndexOf("encoding=", StringComparison.Ordinal);
        if (at >= 0 && at + 10 < text.Length)
        {
            var quote = text[at + 9];
            var end = text.IndexOf(quote, at + 10);
            if (end > 0) return Encoding.Latin1.GetBytes(text[..(at + 10)] + encoding + text[end..]);
        }
        return Encoding.Latin1.GetBytes($"<?xml version=\"1.0\" encoding=\"{encoding}\"?>" + text);
    }

    private static byte[] Insert(byte[] bytes, byte[] insert, Random random)
    {
        var at = random.Next(bytes.Length + 1);
        return [.. bytes[..at], .. insert, .. bytes[at..]];
    }
}
