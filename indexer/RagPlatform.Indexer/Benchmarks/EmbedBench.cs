namespace RagPlatform.Indexer.Benchmarks;

/// <summary>
/// Embedding throughput of the bare encoder (the same batches and the same single pass that also yields token vectors)
/// against the indexing pipeline over the same records (database, BM25, dense and token stores), in one run. Both
/// embed the records' evidence sentences too when sentence vectors are on; tokens count the passages only. The bare
/// figures are the mean of a pass before and a pass after the pipelines; the pipeline figures are the configured
/// pipeline (<see cref="EncodeAhead"/>), the serial ones the same pipeline with Ingestion:EncodeAhead=0.
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

    /// <summary>Ingestion:EncodeAhead of the configured pipeline.</summary>
    public int EncodeAhead { get; init; }

    /// <summary>The bare pass before the pipelines, in seconds.</summary>
    public double BareSecondsBefore { get; init; }

    /// <summary>The bare pass after the pipelines, in seconds.</summary>
    public double BareSecondsAfter { get; init; }

    /// <summary>The serial pipeline (encode, then write, batch by batch), in seconds.</summary>
    public double SerialPipelineSeconds { get; init; }

    /// <summary>Bare seconds over serial pipeline seconds.</summary>
    public double SerialPipelineShareOfBare { get; init; }
}
