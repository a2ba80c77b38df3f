namespace RagPlatform.Core.Evaluation;

/// <summary>
/// Per-query retrieval metrics, computed as trec_eval (and pytrec_eval, which BEIR uses) computes them.
/// The ranking is taken as given; <see cref="RankLikeTrecEval"/> orders scored results the way trec_eval does
/// (score descending, ties by document id descending, byte-wise), for callers that have scores.
/// </summary>
public static class RetrievalMetrics
{
    /// <summary>
    /// nDCG@k (trec_eval ndcg_cut): DCG = sum over ranks i = 1..k of rel_i / log2(i + 1) with gain = the judged
    /// relevance (unjudged = 0); the ideal DCG sorts every judged relevance &gt; 0 descending and cuts at k.
    /// 0 when nothing relevant is judged.
    /// </summary>
    public static double NdcgAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judged, int k)
    {
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (judged.TryGetValue(ranked[i], out var rel) && rel > 0)
            {
                dcg += rel / Math.Log2(i + 2);
            }
        }

        var ideal = judged.Values.Where(r => r > 0).OrderDescending().Take(k).Select((r, i) => r / Math.Log2(i + 2)).Sum();
        return ideal > 0 ? dcg / ideal : 0.0;
    }

    /// <summary>Recall@k: relevant (relevance &gt; 0) documents in the top k over all relevant documents; 0 when none is relevant.</summary>
    public static double RecallAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judged, int k)
    {
        var relevant = judged.Values.Count(r => r > 0);
        if (relevant == 0)
        {
            return 0.0;
        }

        var found = ranked.Take(k).Distinct(StringComparer.Ordinal).Count(id => judged.TryGetValue(id, out var r) && r > 0);
        return (double)found / relevant;
    }

    /// <summary>MRR@k: 1 / rank of the first relevant (relevance &gt; 0) document within the top k, else 0.</summary>
    public static double ReciprocalRankAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judged, int k)
    {
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (judged.TryGetValue(ranked[i], out var r) && r > 0)
            {
                return 1.0 / (i + 1);
            }
        }

        return 0.0;
    }

    /// <summary>trec_eval's order: score descending, then document id descending (strcmp, i.e. ordinal).</summary>
    public static IReadOnlyList<string> RankLikeTrecEval(IEnumerable<KeyValuePair<string, double>> scored) =>
        scored.OrderByDescending(p => p.Value).ThenByDescending(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToList();
}
