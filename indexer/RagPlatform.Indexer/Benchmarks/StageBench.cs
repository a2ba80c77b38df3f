namespace RagPlatform.Indexer.Benchmarks;

/// <summary>
/// <c>ragp bench --query</c>: per-stage milliseconds of hybrid+rerank searches (p50 / p95 over the queries), the total,
/// and the total's mean against the sum of the stages' means (1.0: no time outside the stages).
/// </summary>
internal sealed record StageBench(
    string Pipeline,
    string Model,
    int Docs,
    int Chunks,
    double IndexSeconds,
    int Queries,
    int Top,
    IReadOnlyDictionary<string, StageTiming> Stages,
    StageTiming Total,
    double StageSumMeanMs,
    double TotalOverStages);

/// <summary>One stage's milliseconds per query.</summary>
internal sealed record StageTiming(double MeanMs, double P50Ms, double P95Ms);
