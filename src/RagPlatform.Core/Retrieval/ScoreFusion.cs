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
}
