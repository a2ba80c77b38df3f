using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Text;

namespace RagPlatform.Core.Answering;

/// <summary>
/// Scores each hit by its best sentence: the normalized BM25 (over the pool of every hit's sentences) of the one
/// sentence that covers the query terms best. Map-reduce keeps and the tree strategy orders its leaf chunks by it.
/// </summary>
internal static class HitRelevance
{
    /// <summary>The best sentence score of each hit, by the hit's index; 0 for a hit without sentences.</summary>
    public static double[] BestSentencePerHit(IReadOnlyCollection<string> distinctTerms, IReadOnlyList<SearchHit> hits)
    {
        var sentences = ExtractiveAnswerer.SplitEvidence(hits);
        var scorer = new LexicalScorer([.. sentences.Select(s => s.Terms)]);
        var best = new double[hits.Count];
        foreach (var s in sentences)
        {
            best[s.Hit] = Math.Max(best[s.Hit], scorer.Score(distinctTerms, s.Terms));
        }

        return best;
    }
}
