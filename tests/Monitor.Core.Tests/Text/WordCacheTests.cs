using Monitor.Core.Text;

namespace Monitor.Core.Tests.Text;

public class WordCacheTests
{
    [Fact]
    public void A_word_seen_again_is_answered_with_the_same_analysis_object()
    {
        var cache = new WordCache();
        var first = cache.Get("والمفاوضات", CharClass.ArabicLetter);
        var again = cache.Get("والمفاوضات".AsSpan(), CharClass.ArabicLetter);
        Assert.NotNull(first);
        Assert.Same(first, again);
        Assert.Equal("مفاوض", first!.Stem);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void A_surface_with_nothing_left_after_normalisation_is_null_every_time_and_cached_once()
    {
        var cache = new WordCache();
        Assert.Null(cache.Get("ـــ", CharClass.ArabicLetter));   // tatweel alone
        Assert.Null(cache.Get("ـــ", CharClass.ArabicLetter));
        Assert.Equal(1, cache.Count);
        Assert.NotNull(cache.Get("حلب", CharClass.ArabicLetter));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Words_past_the_bound_clear_the_cache_and_are_still_analysed_as_fresh()
    {
        var cache = new WordCache();
        for (var i = 0; i < WordCache.MaxEntries + 500; i++)
        {
            var surface = "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var word = cache.Get(surface, CharClass.OtherLetter);
            Assert.Equal(surface, word!.Surface);
            Assert.Equal(TokenKind.Latin, word.Kind);
        }
        // Cleared once at MaxEntries, then the last 500 added again.
        Assert.Equal(500, cache.Count);
    }

    [Fact]
    public void Surfaces_crafted_to_share_a_slot_cost_a_bounded_probe_and_are_analysed_correctly()
    {
        // Hashes are not randomised, so a hostile feed could send words that all land in one slot: past MaxProbe of
        // them, a word is analysed without being cached instead of lengthening every later lookup.
        var colliding = new List<string>();
        var slot = WordCache.Hash("anchor") & (WordCache.InitialCapacity - 1);
        for (var i = 0; colliding.Count < WordCache.MaxProbe + 8; i++)
        {
            var candidate = "x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if ((WordCache.Hash(candidate) & (WordCache.InitialCapacity - 1)) == slot) colliding.Add(candidate);
        }
        var cache = new WordCache();
        foreach (var surface in colliding) Assert.Equal(surface, cache.Get(surface, CharClass.OtherLetter)!.Surface);
        Assert.Equal(WordCache.MaxProbe, cache.Count);
        foreach (var surface in colliding) Assert.Equal(surface.ToLowerInvariant(), cache.Get(surface, CharClass.OtherLetter)!.Normalized);
    }

    [Fact]
    public void Growing_the_table_keeps_every_word_it_held()
    {
        var cache = new WordCache();
        var words = Enumerable.Range(0, WordCache.InitialCapacity * 2)
            .Select(i => "g" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var first = words.Select(w => cache.Get(w, CharClass.OtherLetter)).ToList();
        for (var i = 0; i < words.Count; i++) Assert.Same(first[i], cache.Get(words[i], CharClass.OtherLetter));
        Assert.Equal(words.Count, cache.Count);
    }
}
