namespace RagPlatform.Indexer.Benchmarks;

/// <summary>
/// Extractive ask against the search it runs, over one question set, in one run: per-stage milliseconds of the ask
/// (retrieve: evidence gathering; compose: sentence selection; total), p50/p95 of ask and of its search, and the mean
/// milliseconds of every platform span seen during the asks (bm25, dense, rerank, ask-tree, ask-profiles, ...).
/// </summary>
internal sealed record AskBench(
    int Documents,
    int Questions,
    int Rounds,
    bool Embedder,
    AskStages MeanMs,
    AskStages P95Ms,
    double AskP50Ms,
    double AskP95Ms,
    double SearchP50Ms,
    double SearchP95Ms,
    double P95Ratio,
    AskRound FirstRound,
    IReadOnlyDictionary<string, double> SpanMeanMs);

/// <summary>The first round alone: each question asked for the first time (only the warm-up question was asked before).</summary>
internal sealed record AskRound(double AskP50Ms, double AskP95Ms, double SearchP50Ms, double SearchP95Ms, double P95Ratio);

/// <summary>Milliseconds per stage of one ask: evidence, compose, the rest (resolving, profiles), total.</summary>
internal sealed record AskStages(double Retrieve, double Compose, double Other, double Total);
