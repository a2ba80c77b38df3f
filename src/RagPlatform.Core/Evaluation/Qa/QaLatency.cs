namespace RagPlatform.Core.Evaluation.Qa;

/// <summary>Latency percentiles of the asks, in milliseconds.</summary>
/// <param name="P50">Median.</param>
/// <param name="P95">95th percentile.</param>
public sealed record QaLatency(double P50, double P95);
