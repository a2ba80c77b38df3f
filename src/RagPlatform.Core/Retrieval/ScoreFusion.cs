namespace RagPlatform.Core.Retrieval;

/// <summary>Combines rankings of the same items from several retrievers.</summary>
public static class ScoreFusion
{
    /// <summary>Reciprocal rank fusion: sum over rankings of weight / (k + rank), rank from 1; absent items add nothing.</summary>
    public static Dictionary<string, double> ReciprocalRank(IReadOnlyList<IReadOnlyList<string>> rankings, IReadOnlyList<double> weights, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(weights.Count, rankings.Count);
        var fused = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var r = 0; r < rankings.Count; r++)
        {
            for (var i = 0; i < rankings[r].Count; i++)
            {
                fused[rankings[r][i]] = fused.GetValueOrDefault(rankings[r][i]) + (weights[r] / (k + i + 1));
            }
        }

        return fused;
    }

    /// <summary>
    /// Normalized-score fusion: each retriever's scores are min-max scaled to [0, 1] over its own list, then summed
    /// with weights; an item a retriever did not return counts 0 there. A list whose scores are all equal scales to 1.
    /// </summary>
    public static Dictionary<string, double> MinMax(IReadOnlyList<IReadOnlyDictionary<string, double>> scores, IReadOnlyList<double> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(weights.Count, scores.Count);
        var fused = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var r = 0; r < scores.Count; r++)
        {
            if (scores[r].Count == 0)
            {
                continue;
            }

            var min = scores[r].Values.Min();
            var range = scores[r].Values.Max() - min;
            foreach (var (id, score) in scores[r])
            {
                var normalized = range > 0 ? (score - min) / range : 1.0;
                fused[id] = fused.GetValueOrDefault(id) + (weights[r] * normalized);
            }
        }

        return fused;
    }

    /// <summary>
    /// Z-score fusion: each retriever's scores are standardized over its own list ((s - mean) / sd), so one outlier
    /// (a 5,000-character BM25 query scores its best match far above the rest) does not flatten the others as under
    /// min-max; an item a retriever did not return gets that list's lowest z. A list of equal scores counts 0 for all.
    /// </summary>
    public static Dictionary<string, double> ZScore(IReadOnlyList<IReadOnlyDictionary<string, double>> scores, IReadOnlyList<double> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(weights.Count, scores.Count);
        var all = scores.SelectMany(s => s.Keys).ToHashSet(StringComparer.Ordinal);
        var fused = all.ToDictionary(id => id, _ => 0.0, StringComparer.Ordinal);
        for (var r = 0; r < scores.Count; r++)
        {
            if (scores[r].Count == 0)
            {
                continue;
            }

            var mean = scores[r].Values.Average();
            var sd = Math.Sqrt(scores[r].Values.Sum(v => (v - mean) * (v - mean)) / scores[r].Count);
            var floor = sd > 0 ? (scores[r].Values.Min() - mean) / sd : 0;
            foreach (var id in all)
            {
                var z = scores[r].TryGetValue(id, out var v) ? (sd > 0 ? (v - mean) / sd : 0) : floor;
                fused[id] += weights[r] * z;
            }
        }

        return fused;
    }

    /// <summary>
    /// Rank-quantile fusion: an item's score in each list is 1 - (rank - 1) / n (1 for the best, about 0 for the last),
    /// which depends on no score scale at all; an item a retriever did not return counts 0 there.
    /// </summary>
    public static Dictionary<string, double> Quantile(IReadOnlyList<IReadOnlyDictionary<string, double>> scores, IReadOnlyList<double> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(weights.Count, scores.Count);
        var fused = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var r = 0; r < scores.Count; r++)
        {
            var ranked = scores[r].OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
            for (var i = 0; i < ranked.Count; i++)
            {
                fused[ranked[i].Key] = fused.GetValueOrDefault(ranked[i].Key) + (weights[r] * (1.0 - ((double)i / ranked.Count)));
            }
        }

        return fused;
    }
}
