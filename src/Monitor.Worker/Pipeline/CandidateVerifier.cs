using Monitor.Core.Dedup;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Pipeline;

/// <summary>
/// The judge's half of the near-duplicate lookup: from the candidates' signatures to a verdict. The exact content hash
/// first, then the signature shortlist, then the shingles of the shortlisted candidates — unsaved items carry theirs,
/// recent ones come from <see cref="RecentShingles"/>, the rest are read from the store in one query and shingled
/// once — then <see cref="NearDuplicateJudge.FindBest"/>. The shingles are those the judge would compute from the texts
/// (<see cref="Fingerprinter.Shingles"/>), so the verdicts are the same as verifying on the texts.
/// </summary>
public sealed class CandidateVerifier(IItemStore store, DedupOptions options, RecentShingles? recent = null)
{
    public RecentShingles Recent { get; } = recent ?? new RecentShingles();

    /// <summary>Remembers a new item's shingles for the items after it (only an item with a signature can be a candidate).</summary>
    public void Remember(Fingerprint fingerprint, ulong[] shingles)
    {
        if (fingerprint.HasSignature) Recent.Add(fingerprint.ContentHash, shingles);
    }

    /// <summary>The verdict for <paramref name="item"/> (with its shingles) among <paramref name="candidates"/> (with
    /// signatures; texts are not needed), or null.</summary>
    public async Task<DuplicateVerdict?> JudgeAsync(DedupCandidate item, IReadOnlyList<DedupCandidate> candidates, CancellationToken ct)
    {
        if (candidates.Count == 0) return null;
        if (NearDuplicateJudge.ExactMatch(item, candidates) is { } exact) return exact;
        var shortlist = CandidateShortlist.Select(item, candidates, options);
        if (shortlist.Count == 0) return null;

        var verified = new DedupCandidate?[shortlist.Count];
        List<long>? unknown = null;
        for (var i = 0; i < shortlist.Count; i++)
        {
            var c = shortlist[i];
            if (c.Shingles is not null) verified[i] = c;
            else if (Recent.TryGet(c.Fingerprint.ContentHash, out var shingles)) verified[i] = c with { Shingles = shingles };
            else (unknown ??= []).Add(c.ItemId);
        }
        if (unknown is not null)
        {
            var texts = await store.GetItemTextsAsync(unknown, ct);
            for (var i = 0; i < shortlist.Count; i++)
            {
                var c = shortlist[i];
                // An item deleted since the lookup has no text: it is no longer a candidate.
                if (verified[i] is not null || !texts.TryGetValue(c.ItemId, out var t)) continue;
                var shingles = Fingerprinter.Shingles(t.Title, t.Text, options);
                Recent.Add(c.Fingerprint.ContentHash, shingles);
                verified[i] = c with { Shingles = shingles };
            }
        }
        return NearDuplicateJudge.FindBest(item, verified.OfType<DedupCandidate>().ToList(), options);
    }
}
