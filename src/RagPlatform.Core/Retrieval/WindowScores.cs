namespace RagPlatform.Core.Retrieval;

/// <summary>
/// Combines a chunk's dense similarities to the windows of a long query into one score: "max" (its best window: the
/// chunk answers one part of the fact pattern) or "mean" (all windows: it answers the whole).
/// </summary>
public static class WindowScores
{
    /// <summary>The aggregation names accepted by <see cref="SearchOptions.WindowAggregation"/>.</summary>
    public const string Max = "max";

    /// <inheritdoc cref="Max"/>
    public const string Mean = "mean";

    /// <summary>
    /// One score per chunk from <paramref name="perWindow"/> (one dictionary of exact similarities per window); a
    /// chunk missing from a window (no stored vector) is left out of that window's term.
    /// </summary>
    public static Dictionary<string, double> Aggregate(IReadOnlyList<IReadOnlyDictionary<string, double>> perWindow, string aggregation)
    {
        ArgumentNullException.ThrowIfNull(perWindow);
        var sums = new Dictionary<string, (double Sum, double Max, int Count)>(StringComparer.Ordinal);
        foreach (var window in perWindow)
        {
            foreach (var (id, score) in window)
            {
                var seen = sums.GetValueOrDefault(id, (0, double.NegativeInfinity, 0));
                sums[id] = (seen.Sum + score, Math.Max(seen.Max, score), seen.Count + 1);
            }
        }

        return aggregation == Mean
            ? sums.ToDictionary(p => p.Key, p => p.Value.Sum / p.Value.Count, StringComparer.Ordinal)
            : sums.ToDictionary(p => p.Key, p => p.Value.Max, StringComparer.Ordinal);
    }
}
