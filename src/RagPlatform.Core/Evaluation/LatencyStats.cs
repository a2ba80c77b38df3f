using System.Text.Json.Serialization;

namespace RagPlatform.Core.Evaluation;

/// <summary>Latency percentiles in milliseconds (nearest-rank).</summary>
/// <param name="P50">Median.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="P99">99th percentile.</param>
public sealed record LatencyStats(
    [property: JsonPropertyName("p50")] double P50,
    [property: JsonPropertyName("p95")] double P95,
    [property: JsonPropertyName("p99")] double P99)
{
    /// <summary>Percentiles of <paramref name="millis"/>; zeros when empty.</summary>
    public static LatencyStats From(IEnumerable<double> millis)
    {
        var sorted = millis.Order().ToArray();
        return new LatencyStats(Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99));
    }

    /// <summary>Nearest-rank percentile: the value at rank ceil(p/100 * n) (1-based) of the sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return 0.0;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
