namespace RagPlatform.Indexer.Benchmarks;

/// <summary>
/// Embedding throughput of the bare encoder (the same batches and the same single pass that also yields token vectors)
/// against the indexing pipeline over the same records (database, BM25, dense and token stores), in one run. Both
/// embed the records' evidence sentences too when sentence vectors are on; tokens count the passages only.
/// </summary>
internal sealed record EmbedBench(
    string Model,
    int Threads,
    int Records,
    long Tokens,
    double BareSeconds,
    double BareTokensPerSecond,
    double BareTokensPerSecondPerCore,
    double PipelineSeconds,
    double PipelineTokensPerSecond,
    double PipelineShareOfBare)
{
    /// <summary>Distinct evidence sentences embedded besides the passages (by both runs), 0 without sentence vectors.</summary>
    public int Sentences { get; init; }
}
